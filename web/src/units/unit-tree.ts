import type { TreeNodeData } from '@mantine/core';
import type { Unit } from '../contract-types';

/**
 * Nests the flat, path-ordered unit list into tree nodes. A unit whose parent is outside the list
 * (a unit user sees only their own subtree) becomes a top node.
 */
export function buildUnitTree(units: Unit[]): TreeNodeData[] {
  const nodes = new Map<string, TreeNodeData & { children: TreeNodeData[] }>();
  for (const unit of units) nodes.set(unit.id, { value: unit.id, label: unit.name, children: [] });
  const roots: TreeNodeData[] = [];
  for (const unit of units) {
    const node = nodes.get(unit.id)!;
    const parent = unit.parentId ? nodes.get(unit.parentId) : undefined;
    if (parent) parent.children.push(node);
    else roots.push(node);
  }
  return roots;
}

/** The unit and everything below it: where a unit may not be moved to. */
export function subtreeOf(units: Unit[], id: string): Set<string> {
  const below = new Set([id]);
  // Path order puts parents first, so one pass collects the whole subtree.
  for (const unit of units) {
    if (unit.parentId && below.has(unit.parentId)) below.add(unit.id);
  }
  return below;
}

export function childCount(units: Unit[], id: string): number {
  return units.filter((unit) => unit.parentId === id).length;
}
