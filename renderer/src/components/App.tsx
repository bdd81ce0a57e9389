import { FilterBar } from '../filter/FilterBar.js';
import { LabDock } from '../lab/LabDock.js';
import { Banners } from './Banners.js';
import { CompareMapB } from './CompareMapB.js';
import { ComparePanel } from './ComparePanel.js';
import { DatasetPanel } from './DatasetPanel.js';
import { FileBrowser } from './FileBrowser.js';
import { JobPanel } from './JobPanel.js';
import { MapView } from './MapView.js';
import { NeighboursPanel } from './NeighboursPanel.js';
import { SelectionPanel } from './SelectionPanel.js';
import { SemanticSearch } from './SemanticSearch.js';
import { TextColumnPicker } from './TextColumnPicker.js';
import { Toolbar } from './Toolbar.js';

export function App() {
  return (
    <div className="app">
      <Toolbar />
      <main className="main">
        <MapView />
        <CompareMapB />
        <aside className="side">
          <FilterBar />
          <DatasetPanel />
          <SemanticSearch />
          <ComparePanel />
          <NeighboursPanel />
          <SelectionPanel />
          <JobPanel />
        </aside>
      </main>
      <LabDock />
      <Banners />
      <FileBrowser />
      <TextColumnPicker />
    </div>
  );
}
