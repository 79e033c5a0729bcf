/**
 * JSON Schemas (draft 2020-12) for what the exports emit, written from the MUST rules of STIX 2.1 (OASIS, §3 common
 * properties, §4.5 identity, §4.7 indicator, §4.8 incident, §5.1 relationship, §8 bundle, §9 patterns' outer form)
 * and the MISP core format 2.4 (required Event keys, Attribute keys, enumerations). The official schema repositories
 * are not shipped in any npm package and are not copied here; these checks are the project's own.
 */
const stixId = (type: string) => ({
  type: 'string',
  pattern: `^${type}--[0-9a-f]{8}-[0-9a-f]{4}-[1-8][0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$`,
});
// §3.3: RFC 3339, UTC ("Z"), seconds required, fractions optional.
const timestamp = { type: 'string', pattern: '^\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}(\\.\\d+)?Z$' };

const core = (type: string, required: string[] = []) => ({
  type: 'object',
  required: ['type', 'spec_version', 'id', 'created', 'modified', ...required],
  properties: {
    type: { const: type },
    spec_version: { const: '2.1' },
    id: stixId(type),
    created: timestamp,
    modified: timestamp,
    created_by_ref: stixId('identity'),
    labels: { type: 'array', items: { type: 'string' }, minItems: 1 },
    external_references: {
      type: 'array',
      minItems: 1,
      items: {
        type: 'object',
        required: ['source_name'],
        properties: { source_name: { type: 'string', minLength: 1 } },
      },
    },
  },
});

export const STIX_BUNDLE_SCHEMA = {
  $schema: 'https://json-schema.org/draft/2020-12/schema',
  type: 'object',
  required: ['type', 'id', 'objects'],
  additionalProperties: false,
  properties: {
    type: { const: 'bundle' },
    id: stixId('bundle'),
    objects: {
      type: 'array',
      minItems: 1,
      items: {
        oneOf: [
          {
            ...core('identity', ['name']),
            properties: {
              ...core('identity').properties,
              name: { type: 'string', minLength: 1 },
              identity_class: { type: 'string' },
            },
          },
          {
            ...core('incident', ['name']),
            properties: { ...core('incident').properties, name: { type: 'string', minLength: 1 } },
          },
          {
            ...core('indicator', ['pattern', 'pattern_type', 'valid_from']),
            properties: {
              ...core('indicator').properties,
              pattern: { type: 'string', pattern: '^\\[.+\\]$' },
              pattern_type: { const: 'stix' },
              pattern_version: { type: 'string' },
              valid_from: timestamp,
              valid_until: timestamp,
              indicator_types: { type: 'array', items: { type: 'string' }, minItems: 1 },
            },
          },
          {
            ...core('relationship', ['relationship_type', 'source_ref', 'target_ref']),
            properties: {
              ...core('relationship').properties,
              relationship_type: { type: 'string', pattern: '^[a-z0-9-]+$' },
              source_ref: { type: 'string', pattern: '^[a-z0-9-]+--' },
              target_ref: { type: 'string', pattern: '^[a-z0-9-]+--' },
            },
          },
        ],
      },
    },
  },
} as const;

const numericString = (values: string[]) => ({ type: 'string', enum: values });

export const MISP_EVENT_SCHEMA = {
  $schema: 'https://json-schema.org/draft/2020-12/schema',
  type: 'object',
  required: ['Event'],
  properties: {
    Event: {
      type: 'object',
      required: [
        'id',
        'orgc_id',
        'org_id',
        'date',
        'threat_level_id',
        'info',
        'published',
        'uuid',
        'attribute_count',
        'analysis',
        'timestamp',
        'distribution',
        'proposal_email_lock',
        'locked',
        'publish_timestamp',
        'sharing_group_id',
        'Org',
        'Orgc',
        'Attribute',
        'ShadowAttribute',
        'RelatedEvent',
        'Tag',
      ],
      properties: {
        date: { type: 'string', pattern: '^\\d{4}-\\d{2}-\\d{2}$' },
        threat_level_id: numericString(['1', '2', '3', '4']),
        analysis: numericString(['0', '1', '2']),
        distribution: numericString(['0', '1', '2', '3', '4']),
        info: { type: 'string', minLength: 1 },
        uuid: { type: 'string', format: 'uuid' },
        published: { type: 'boolean' },
        timestamp: { type: 'string', pattern: '^\\d+$' },
        Org: { type: 'object', required: ['name', 'uuid'] },
        Orgc: { type: 'object', required: ['name', 'uuid'] },
        Tag: { type: 'array', items: { type: 'object', required: ['name'] } },
        Attribute: {
          type: 'array',
          items: {
            type: 'object',
            required: ['uuid', 'type', 'category', 'value', 'to_ids', 'distribution', 'timestamp'],
            properties: {
              uuid: { type: 'string', format: 'uuid' },
              type: { enum: ['ip-dst', 'ip-src', 'domain', 'hostname', 'url', 'md5', 'sha1', 'sha256'] },
              category: {
                enum: ['Network activity', 'Payload delivery', 'Artifacts dropped', 'External analysis'],
              },
              value: { type: 'string', minLength: 1 },
              to_ids: { type: 'boolean' },
              distribution: numericString(['0', '1', '2', '3', '4', '5']),
              timestamp: { type: 'string', pattern: '^\\d+$' },
            },
          },
        },
      },
    },
  },
} as const;
