// Angular, compiled ahead of time by ngc with strictTemplates (tsconfig.json) and zoneless (no
// zone.js). The component is the one in docs/FRAMEWORKS.md; this page gives it a session and a payment step, and
// lists the kohort-* events that bubble up to <app-checkout> through Angular's (event) bindings.
import { Component, provideZonelessChangeDetection, signal } from '@angular/core';
import { bootstrapApplication } from '@angular/platform-browser';
import type { ConfirmPaymentHandler } from 'kohort-checkout';
import { CheckoutComponent } from './checkout.component';

@Component({
  selector: 'app-root',
  imports: [CheckoutComponent],
  template: `
    <h1>Angular</h1>
    <app-checkout
      [sessionId]="sessionId"
      [confirmPayment]="confirmWithTestCard"
      (kohort-ready)="logged($event.type)"
      (kohort-success)="logged($event.type)"
      (kohort-error)="logged($event.type)"
      (kohort-expired)="logged($event.type)"
      (kohort-cancel)="logged($event.type)"
      (kohort-continue)="logged($event.type)"
      (kohort-group-change)="logged($event.type)"
    ></app-checkout>
    <ol id="events">
      @for (name of events(); track $index) {
        <li [attr.data-event]="name" data-via="angular-binding">{{ name }}</li>
      }
    </ol>
  `,
})
class App {
  readonly sessionId = new URLSearchParams(location.search).get('session') ?? 'cs_5eed00000000a1';
  readonly events = signal<string[]>([]);

  /** Stands in for Stripe: the sandbox's test provider charges its test card. */
  readonly confirmWithTestCard: ConfirmPaymentHandler = async (intent, { customerEmail }) => {
    this.logged('confirmPayment');
    const response = await fetch(`http://127.0.0.1:4010/sandbox/payment-intents/${encodeURIComponent(intent.id)}/confirm`, {
      method: 'POST',
      headers: { authorization: 'Bearer pk_test_sandbox_kohort0000000000000000', 'content-type': 'application/json' },
      body: JSON.stringify({ client_secret: intent.clientSecret, customer_email: customerEmail, card_number: '4242424242424242' }),
    });
    return response.ok ? { status: 'succeeded' } : { status: 'failed' };
  };

  logged(name: string) {
    this.events.update((previous) => [...previous, name]);
  }
}

bootstrapApplication(App, { providers: [provideZonelessChangeDetection()] }).catch((error: unknown) => console.error(error));
