import { Badge, Box, Group, getTreeExpandedState, Text, Tree, UnstyledButton, useTree } from '@mantine/core';
import { useEffect, useMemo, useRef } from 'react';
import type { Unit } from '../contract-types';
import { useLanguage, useT } from '../i18n/use-t';
import { Icon } from '../ui/icons';
import { buildUnitTree } from './unit-tree';
import { unitLabel } from './use-units';

type UnitTreeViewProps = {
  units: Unit[];
  selectedId: string | null;
  onSelect: (id: string) => void;
  /** A unit to reveal (its ancestors are expanded), e.g. one just created. */
  reveal: string | null;
};

export function UnitTreeView({ units, selectedId, onSelect, reveal }: UnitTreeViewProps) {
  const t = useT();
  const { lang } = useLanguage();
  const byId = useMemo(() => new Map(units.map((u) => [u.id, u])), [units]);
  const data = useMemo(() => buildUnitTree(units), [units]);
  // Mounted once the units are loaded, so everything starts expanded.
  const tree = useTree({ initialExpandedState: getTreeExpandedState(data, '*') });

  // Expand the ancestors once per newly revealed unit. Not on every render: the tree's functions are new
  // each render, and expanding in a loop would starve React's transitions (route changes never commit).
  const revealed = useRef<string | null>(null);
  const { expand } = tree;
  useEffect(() => {
    if (!reveal || revealed.current === reveal) return;
    revealed.current = reveal;
    let parentId = byId.get(reveal)?.parentId;
    while (parentId) {
      expand(parentId);
      parentId = byId.get(parentId)?.parentId ?? null;
    }
  }, [reveal, byId, expand]);

  return (
    <Tree
      data={data}
      tree={tree}
      expandOnClick={false}
      levelOffset="lg"
      aria-label={t('units.title')}
      renderNode={({ node, expanded, hasChildren, elementProps }) => {
        const unit = byId.get(node.value);
        const selected = node.value === selectedId;
        return (
          <Group
            gap={4}
            wrap="nowrap"
            {...elementProps}
            onClick={() => onSelect(node.value)}
            data-selected={selected || undefined}
            data-testid="unit-node"
            style={{
              ...elementProps.style,
              borderRadius: 'var(--mantine-radius-sm)',
              padding: '4px 6px',
              background: selected ? 'var(--mantine-color-indigo-0)' : undefined,
              cursor: 'pointer',
            }}
          >
            <Box w={20} style={{ flex: 'none' }}>
              {hasChildren && (
                <UnstyledButton
                  aria-label={unit ? unitLabel(unit, lang) : node.value}
                  aria-expanded={expanded}
                  onClick={(event) => {
                    event.stopPropagation();
                    tree.toggleExpanded(node.value);
                  }}
                  style={{ display: 'flex' }}
                >
                  <Icon name="chevron" size={16} rotate={expanded ? 90 : 0} />
                </UnstyledButton>
              )}
            </Box>
            <Text size="sm" fw={selected ? 600 : 400} truncate>
              {unit ? unitLabel(unit, lang) : String(node.label)}
            </Text>
            {unit && (
              <Badge size="xs" variant="outline" color="gray" style={{ flex: 'none' }}>
                {unit.code}
              </Badge>
            )}
          </Group>
        );
      }}
    />
  );
}
