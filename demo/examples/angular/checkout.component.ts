import { Component, CUSTOM_ELEMENTS_SCHEMA, input } from '@angular/core';
import 'kohort-checkout';
import type { ConfirmPaymentHandler, KohortSuccessEvent } from 'kohort-checkout';

@Component({
  selector: 'app-checkout',
  schemas: [CUSTOM_ELEMENTS_SCHEMA],
  // The sandbox API's test key and URL (`npm run sandbox`); in production: your pk_live_… key, and no api-base.
  template: `<kohort-checkout [sessionId]="sessionId()" publishable-key="pk_test_sandbox_kohort0000000000000000" api-base="http://127.0.0.1:4010"
    [confirmPayment]="confirmPayment()" (kohort-success)="onSuccess($event)"></kohort-checkout>`,
})
export class CheckoutComponent {
  readonly sessionId = input.required<string>();
  // Your payment provider's step: see "Plugging in the payment provider" in the README.
  readonly confirmPayment = input<ConfirmPaymentHandler>();

  onSuccess(event: KohortSuccessEvent) {
    console.log(event.detail.paymentIntentId, event.detail.group?.share_id);
  }
}
