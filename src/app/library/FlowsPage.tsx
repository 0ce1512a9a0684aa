// PLACEHOLDER until the flows library lands: shows the sample flow page.
import { SampleFlowPage } from '../home/SampleFlowPage';

export function FlowsPage() {
  return <SampleFlowPage />;
}
