import { and, asc, desc, eq, inArray, lt, type SQL, sql } from 'drizzle-orm';
import type { Executor } from '../db/client';
import { hosts } from '../inventory/schema';
import { likePrefix } from '../units/queries';
import { units } from '../units/schema';
import type { FindingQuery } from './findings-contract';
import { epssScores, findings, nationalAlerts, vulnerabilities } from './schema';

/** A listing counts at most this many rows and then says "10,000+": an exact count of 1M rows costs more than the page. */
export const COUNT_CAP = 10_000;

// Written as constants, not parameters, so the planner can prove the partial indexes' predicates.
const ACTIVE = sql`${findings.status} in ('open', 'in_progress', 'risk_accepted')`;
const WORKED_ON = sql`${findings.status} in ('open', 'in_progress')`;

function inUnitsUnder(path: SQL | string): SQL {
  return sql`${findings.unitId} in (select ${units.id} from ${units} where ${units.path} like ${path})`;
}

/** The WHERE of a findings listing, on the findings table alone (scope by the unit ids under a path). */
export function findingFilters(
  scopePath: string | null,
  query: Partial<FindingQuery>,
  now: Date,
): SQL | undefined {
  const filters: (SQL | undefined)[] = [
    scopePath ? inUnitsUnder(likePrefix(scopePath)) : undefined,
    query.unitId && query.unitOnly ? eq(findings.unitId, query.unitId) : undefined,
    query.unitId && !query.unitOnly
      ? inUnitsUnder(sql`(select path from units u where u.id = ${query.unitId}) || '%'`)
      : undefined,
    query.hostId ? eq(findings.hostId, query.hostId) : undefined,
    query.cve ? eq(findings.cve, query.cve) : undefined,
    query.alertId
      ? sql`${findings.cve} in (select jsonb_array_elements_text(${nationalAlerts.cves}) from ${nationalAlerts} where ${nationalAlerts.id} = ${query.alertId})`
      : undefined,
    query.status ? eq(findings.status, query.status) : ACTIVE,
    query.match ? eq(findings.match, query.match) : undefined,
    query.severity ? eq(findings.severity, query.severity) : undefined,
    query.exploited === undefined
      ? undefined
      : query.exploited
        ? sql`${findings.exploited}`
        : sql`not ${findings.exploited}`,
    query.overdue ? and(lt(findings.dueAt, now), WORKED_ON) : undefined,
  ];
  return and(...filters);
}

/** Each sort order ends with the id, so pages are stable; each has a partial index (schema.ts). */
export function findingOrder(sort: FindingQuery['sort']): SQL[] {
  if (sort === 'severity')
    return [
      asc(findings.severityRank),
      sql`${findings.exploited} desc nulls last`,
      asc(findings.dueAt),
      asc(findings.id),
    ];
  if (sort === 'recent') return [desc(findings.firstSeenAt), asc(findings.id)];
  return [asc(findings.dueAt), asc(findings.severityRank), asc(findings.id)];
}

/**
 * One page in three short statements: the page's ids (walks the index of the sort order, no joins),
 * the details of those ids only, and a count that stops at COUNT_CAP + 1.
 */
export async function listFindingRows(
  db: Executor,
  scopePath: string | null,
  query: FindingQuery,
  now: Date,
) {
  const where = findingFilters(scopePath, query, now);
  const page = await db
    .select({ id: findings.id })
    .from(findings)
    .where(where)
    .orderBy(...findingOrder(query.sort))
    .limit(query.pageSize)
    .offset((query.page - 1) * query.pageSize);
  const ids = page.map((r) => r.id);
  const details =
    ids.length === 0
      ? []
      : await db
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
          .where(inArray(findings.id, ids));
  const position = new Map(ids.map((id, i) => [id, i]));
  const items = details.sort((a, b) => (position.get(a.finding.id) ?? 0) - (position.get(b.finding.id) ?? 0));
  const total = await countCapped(db, where);
  return { items, total: Math.min(total, COUNT_CAP), totalCapped: total > COUNT_CAP };
}

async function countCapped(db: Executor, where: SQL | undefined): Promise<number> {
  const capped = db
    .select({ one: sql`1` })
    .from(findings)
    .where(where)
    .limit(COUNT_CAP + 1)
    .as('capped');
  const [row] = await db.select({ n: sql<number>`count(*)`.mapWith(Number) }).from(capped);
  return row?.n ?? 0;
}

export async function findFindingWithPath(db: Executor, id: string) {
  const [row] = await db
    .select({ finding: findings, unitPath: units.path })
    .from(findings)
    .innerJoin(units, eq(units.id, findings.unitId))
    .where(eq(findings.id, id));
  return row;
}
