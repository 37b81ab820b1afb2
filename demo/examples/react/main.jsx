// React with the wrapper from `kohort-checkout/react`: kohort-* events arrive as onKohort… props.
import { StrictMode, useState } from 'react';
import { createRoot } from 'react-dom/client';
import { KohortCheckout } from 'kohort-checkout/react';

// The seeded session, or another one: `?session=cs_…`.
const sessionId = new URLSearchParams(location.search).get('session') ?? 'cs_5eed00000000a1';

function App() {
  const [events, setEvents] = useState([]);
  const logged = (event) => setEvents((previous) => [...previous, event.type]);
  return (
    <>
      <h1>React</h1>
      <KohortCheckout
        sessionId={sessionId}
        publishableKey="pk_test_sandbox_kohort0000000000000000"
        apiBase="http://127.0.0.1:4010"
        onKohortReady={logged}
        onKohortSuccess={logged}
        onKohortError={logged}
        onKohortExpired={logged}
        onKohortCancel={logged}
        onKohortContinue={logged}
        onKohortGroupChange={logged}
      />
      <ol id="events">
        {events.map((name, index) => (
          <li key={index} data-event={name} data-via="react-prop">
            {name}
          </li>
        ))}
      </ol>
    </>
  );
}

createRoot(document.querySelector('#root')).render(
  <StrictMode>
    <App />
  </StrictMode>,
);
