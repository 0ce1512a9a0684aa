/** The editor's right-hand side: inspector, problems (with their count), plan, and run. */
import type { FlowDoc } from '../../../engine/flow/schema';
import { RunPanel } from '../../runs/RunPanel';
import { Tabs, type TabDef } from '../../ui/Tabs';
import { useCompiled } from '../compiled';
import { Inspector } from '../inspector/Inspector';
import { useEditorUi, type SidebarTab } from '../ui';
import { PlanView } from './PlanView';
import { ProblemsList } from './ProblemsList';

export function Sidebar({ doc }: { doc: FlowDoc }) {
  const tab = useEditorUi((s) => s.tab);
  const setTab = useEditorUi((s) => s.setTab);
  const { diagnostics } = useCompiled();
  const errors = diagnostics.filter((d) => d.severity === 'error').length;
  const tabs: TabDef<SidebarTab>[] = [
    { id: 'inspect', label: 'Inspect' },
    {
      id: 'problems',
      label: (
        <>
          Problems{' '}
          <span className={`ed-tab-count ${errors > 0 ? 'is-error' : diagnostics.length > 0 ? 'is-warning' : ''}`}>
            {diagnostics.length}
            <span className="editor-sr-only"> {diagnostics.length === 1 ? 'problem' : 'problems'}</span>
          </span>
        </>
      ),
    },
    { id: 'plan', label: 'Plan' },
    { id: 'run', label: 'Run' },
  ];
  return (
    <aside className="ed-sidebar" aria-label="Details">
      <Tabs tabs={tabs} selected={tab} onSelect={setTab} label="Details">
        <div className="ed-sidebar-body">
          {tab === 'inspect' ? <Inspector /> : null}
          {tab === 'problems' ? <ProblemsList /> : null}
          {tab === 'plan' ? <PlanView /> : null}
          {tab === 'run' ? <RunPanel doc={doc} /> : null}
        </div>
      </Tabs>
    </aside>
  );
}
