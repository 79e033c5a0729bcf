import { and, asc, count, desc, eq, inArray, like, lt, type SQL, sql } from 'drizzle-orm';
import type { Executor } from '../db/client';
import { hosts } from '../inventory/schema';
import { likePrefix } from '../units/queries';
import { units } from '../units/schema';
import type { FindingQuery } from './findings-contract';
import { epssScores, findings, nationalAlerts, vulnerabilities } from './schema';

const SEVERITY_ORDER = sql`case ${findings.severity} when 'critical' then 0 when 'high' then 1 when 'medium' then 2 when 'low' then 3 else 4 end`;

export function findingFilters(
  scopePath: string | null,
  query: Partial<FindingQuery>,
  now: Date,
): SQL | undefined {
  const filters: (SQL | undefined)[] = [
    scopePath ? like(units.path, likePrefix(scopePath)) : undefined,
    query.unitId && query.unitOnly ? eq(findings.unitId, query.unitId) : undefined,
    query.unitId && !query.unitOnly
      ? like(units.path, sql`(select path from units u where u.id = ${query.unitId}) || '%'`)
      : undefined,
    query.hostId ? eq(findings.hostId, query.hostId) : undefined,
    query.cve ? eq(findings.cve, query.cve) : undefined,
    query.alertId
      ? sql`${findings.cve} in (select jsonb_array_elements_text(${nationalAlerts.cves}) from ${nationalAlerts} where ${nationalAlerts.id} = ${query.alertId})`
      : undefined,
    query.status
      ? eq(findings.status, query.status)
      : inArray(findings.status, ['open', 'in_progress', 'risk_accepted']),
    query.match ? eq(findings.match, query.match) : undefined,
    query.severity ? eq(findings.severity, query.severity) : undefined,
    query.exploited === undefined ? undefined : eq(findings.exploited, query.exploited),
    query.overdue
      ? and(lt(findings.dueAt, now), inArray(findings.status, ['open', 'in_progress']))
      : undefined,
  ];
  return and(...filters);
}

export async function listFindingRows(
  db: Executor,
  scopePath: string | null,
  query: FindingQuery,
  now: Date,
) {
  const where = findingFilters(scopePath, query, now);
  const order =
    query.sort === 'severity'
      ? [asc(SEVERITY_ORDER), desc(findings.exploited), asc(findings.dueAt)]
      : query.sort === 'recent'
        ? [desc(findings.firstSeenAt), asc(findings.id)]
        : [asc(findings.dueAt), asc(SEVERITY_ORDER), asc(findings.id)];
  const items = await db
    .select({
      finding: findings,
      hostname: hosts.hostname,
      unitName: units.name,
      title: vulnerabilities.title,
      epss: epssScores.epss,
    })
    .from(findings)
    .innerJoin(hosts, eq(hosts.id, findings.hostId))
    .innerJoin(units, eq(units.id, findings.unitId))
    .leftJoin(vulnerabilities, eq(vulnerabilities.cve, findings.cve))
    .leftJoin(epssScores, eq(epssScores.cve, findings.cve))
    .where(where)
    .orderBy(...order)
    .limit(query.pageSize)
    .offset((query.page - 1) * query.pageSize);
  const [{ total } = { total: 0 }] = await db
    .select({ total: count() })
    .from(findings)
    .innerJoin(units, eq(units.id, findings.unitId))
    .where(where);
  return { items, total };
}

export async function findFindingWithPath(db: Executor, id: string) {
  const [row] = await db
    .select({ finding: findings, unitPath: units.path })
    .from(findings)
    .innerJoin(units, eq(units.id, findings.unitId))
    .where(eq(findings.id, id));
  return row;
}
