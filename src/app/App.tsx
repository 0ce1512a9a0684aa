import { Header } from './shell/Header';
import { SampleFlowPage } from './home/SampleFlowPage';

export function App() {
  return (
    <div className="app">
      <Header />
      <main className="main" id="main">
        <SampleFlowPage />
      </main>
    </div>
  );
}
