import type { EntityRecord } from '../../../src/core/vocabulary/model';

/**
 * Finds the drug entity a knowledge source means, by the identifiers sources share: DrugBank id,
 * ChEMBL id, CAS number, then the generic name. A key that two entities share finds neither.
 */
export class DrugIndex {
  private readonly byKey = new Map<string, string | null>();

  constructor(entities: readonly EntityRecord[]) {
    for (const entity of entities) {
      if (entity.kind !== 'drug') continue;
      const keys = new Set<string>();
      if (/^DB\d+$/.test(entity.id)) keys.add(`db:${entity.id}`);
      if (entity.xrefs?.DrugBank) keys.add(`db:${entity.xrefs.DrugBank}`);
      if (entity.xrefs?.ChEMBL) keys.add(`chembl:${entity.xrefs.ChEMBL}`);
      if (/^CHEMBL\d+$/.test(entity.id)) keys.add(`chembl:${entity.id}`);
      if (entity.xrefs?.CAS) keys.add(`cas:${entity.xrefs.CAS}`);
      keys.add(`name:${entity.canonical.toLowerCase()}`);
      if (entity.name) keys.add(`name:${entity.name.toLowerCase()}`);
      for (const key of keys) this.byKey.set(key, this.byKey.has(key) && this.byKey.get(key) !== entity.id ? null : entity.id);
    }
  }

  private get(key: string): string | undefined {
    return this.byKey.get(key) ?? undefined;
  }

  drugbank(id: string): string | undefined {
    return id ? this.get(`db:${id}`) : undefined;
  }

  chembl(id: string): string | undefined {
    return id ? this.get(`chembl:${id}`) : undefined;
  }

  cas(id: string): string | undefined {
    return id ? this.get(`cas:${id}`) : undefined;
  }

  name(name: string): string | undefined {
    const key = name.trim().toLowerCase();
    return key ? this.get(`name:${key}`) : undefined;
  }

  /**
   * The entity the identifiers name, trying DrugBank ids, ChEMBL ids, CAS numbers, then names.
   * When a source lists several DrugBank ids (a drug and its salt, or its parent: DrugCentral's
   * aspirin lists salicylic acid first) the one whose name is the source's name is taken, and
   * none if no name decides.
   */
  resolve(ids: { drugbank?: string[]; chembl?: string[]; cas?: string[]; names?: string[] }): string | undefined {
    const byDrugbank = [...new Set((ids.drugbank ?? []).map((id) => this.drugbank(id)).filter((id): id is string => id !== undefined))];
    if (byDrugbank.length === 1) return byDrugbank[0];
    if (byDrugbank.length > 1) {
      const named = (ids.names ?? []).map((name) => this.name(name)).find((id) => id !== undefined && byDrugbank.includes(id));
      const chembl = (ids.chembl ?? []).map((id) => this.chembl(id)).find((id) => id !== undefined && byDrugbank.includes(id));
      return named ?? chembl;
    }
    for (const id of ids.chembl ?? []) {
      const found = this.chembl(id);
      if (found) return found;
    }
    for (const id of ids.cas ?? []) {
      const found = this.cas(id);
      if (found) return found;
    }
    for (const name of ids.names ?? []) {
      const found = this.name(name);
      if (found) return found;
    }
    return undefined;
  }
}
