import '@/components/theme.css';
import '@/components/panel-layout.css';
import '@/components/evidence.css';
import { mountSidePanel } from '@/lib/panel/mount-side-panel';

void mountSidePanel(document.getElementById('app')!, location.search);
