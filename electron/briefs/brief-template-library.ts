import { randomBytes } from 'node:crypto';
import type { Brief, BriefTemplate } from '../../shared/brief';
import { AppError } from '../../shared/errors';
import type { StateRepository } from '../store/state-repository';

export interface SaveBriefTemplate {
  readonly name: string;
  readonly brief: Brief;
  /** Replaces this template; without it, a template of the same name is replaced, else one is added. */
  readonly id?: string | undefined;
}

/** Named briefs kept in the app state for reuse across threads and projects. */
export class BriefTemplateLibrary {
  constructor(private readonly state: StateRepository) {}

  list(): BriefTemplate[] {
    return [...this.state.get('briefTemplates')].sort((a, b) => a.name.localeCompare(b.name));
  }

  async save({ name, brief, id }: SaveBriefTemplate): Promise<BriefTemplate> {
    const templates = this.state.get('briefTemplates');
    const trimmedName = name.trim();
    const existing = id
      ? templates.find((t) => t.id === id)
      : templates.find((t) => t.name.toLowerCase() === trimmedName.toLowerCase());
    if (id && !existing) throw new AppError('not-found', `There is no brief template with the id "${id}" (deleted?).`);
    const template: BriefTemplate = {
      id: existing?.id ?? `bt_${randomBytes(4).toString('hex')}`,
      name: trimmedName,
      // Thread ids mean nothing to a later thread, possibly in another project.
      brief: { ...brief, dependsOn: [] },
      createdAt: existing?.createdAt ?? new Date().toISOString(),
    };
    await this.state.set(
      'briefTemplates',
      existing ? templates.map((t) => (t.id === existing.id ? template : t)) : [...templates, template],
    );
    return template;
  }

  async delete(id: string): Promise<boolean> {
    const templates = this.state.get('briefTemplates');
    const remaining = templates.filter((t) => t.id !== id);
    if (remaining.length === templates.length) return false;
    await this.state.set('briefTemplates', remaining);
    return true;
  }
}
