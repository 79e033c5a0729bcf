import type { AuditEntry as AuditEntryShape } from '../../src/audit/contract';
import type { ApiToken as ApiTokenShape, Me as MeShape } from '../../src/auth/contract';
import type { Unit as UnitShape } from '../../src/units/contract';
import type { User as UserShape } from '../../src/users/contract';

/** What a server shape looks like after JSON: dates travel as ISO strings. */
export type Wire<T> = T extends Date
  ? string
  : T extends readonly (infer Item)[]
    ? Wire<Item>[]
    : T extends object
      ? { [Key in keyof T]: Wire<T[Key]> }
      : T;

export type Page<T> = { items: T[]; total: number; page: number; pageSize: number };

export type Me = Wire<MeShape>;
export type Unit = Wire<UnitShape>;
export type User = Wire<UserShape>;
export type ApiToken = Wire<ApiTokenShape>;
export type AuditEntry = Wire<AuditEntryShape>;
export type { Role } from '../../src/core/roles';
export type { UnitCreate, UnitUpdate } from '../../src/units/contract';
export type { UserCreate, UserUpdate } from '../../src/users/contract';
