// Vue 3 with a template compiled in the browser (no single-file-component compiler needed):
// `isCustomElement` tells Vue the tag is the widget's, `@kohort-ready` is Vue's own binding.
import { createApp } from 'vue';
import 'kohort-checkout';

const app = createApp({
  data: () => ({
    sessionId: 'cs_5eed00000000a1',
    publishableKey: 'pk_test_sandbox_kohort0000000000000000',
    apiBase: 'http://127.0.0.1:4010',
    events: [],
  }),
  methods: {
    logged(event) {
      this.events.push(event.type);
    },
  },
  template: `
    <h1>Vue 3</h1>
    <kohort-checkout
      :session-id="sessionId"
      :publishable-key="publishableKey"
      :api-base="apiBase"
      @kohort-ready="logged"
      @kohort-success="logged"
      @kohort-error="logged"
      @kohort-expired="logged"
      @kohort-cancel="logged"
      @kohort-continue="logged"
      @kohort-group-change="logged"
    ></kohort-checkout>
    <ol id="events">
      <li v-for="(name, index) in events" :key="index" :data-event="name" data-via="vue-listener">{{ name }}</li>
    </ol>
  `,
});
app.config.compilerOptions.isCustomElement = (tag) => tag === 'kohort-checkout';
app.mount('#app');
