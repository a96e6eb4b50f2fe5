import { Activity, FolderTree, Globe, Mail, Settings, SquareTerminal, type LucideIcon } from 'lucide-react';
import { SECTIONS, type Section } from '../../../shared/ipc/app';

export interface SectionMeta {
  id: Section;
  label: string;
  icon: LucideIcon;
  /** digit for the Ctrl/Cmd+digit shortcut */
  key: string;
}

const META: Record<Section, Omit<SectionMeta, 'id' | 'key'>> = {
  mail: { label: 'Mail', icon: Mail },
  files: { label: 'Files', icon: FolderTree },
  terminal: { label: 'Terminal', icon: SquareTerminal },
  url: { label: 'URL', icon: Globe },
  wire: { label: 'Wire', icon: Activity },
  settings: { label: 'Settings', icon: Settings },
};

/** The rail's order is the contract's order, so Ctrl+1 is always Mail. */
export const SECTION_LIST: SectionMeta[] = SECTIONS.map((id, i) => ({ id, key: String(i + 1), ...META[id] }));
export const sectionMeta = (id: Section): SectionMeta => SECTION_LIST.find((s) => s.id === id)!;
