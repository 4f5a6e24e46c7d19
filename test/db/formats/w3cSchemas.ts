// Checks composed from the W3C Web Annotation test suite's JSON Schema definitions (draft 4, with ajv-draft-04),
// one per requirement of the model, for the annotation tests to run over every exported annotation.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import AjvDraft04 from 'ajv-draft-04';

// The package is CommonJS: under NodeNext its class is the default export's `default`.
const Ajv = AjvDraft04.default;
type Ajv = InstanceType<typeof Ajv>;

const DEFINITIONS = join(import.meta.dirname, '../../fixtures/w3c-annotation-model');

const ref = (pointer: string) => ({ $ref: pointer });

/**
 * The suite's definitions use the formats "uri" and "date-time". ajv-formats is not a dependency, so the two are
 * given here: an absolute URI has a scheme and no white space (RFC 3986 section 3), a date-time is RFC 3339's.
 */
const FORMATS = {
  uri: /^[A-Za-z][A-Za-z0-9+.-]*:[^\s]*$/,
  'date-time': /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/,
};

/** Requirements on one Annotation (model sections 3 and 4), each a schema that must accept it. */
const ANNOTATION_CHECKS: Record<string, object> = {
  '3.1 @context names http://www.w3.org/ns/anno.jsonld': {
    type: 'object',
    required: ['@context'],
    properties: {
      '@context': {
        oneOf: [
          ref('annotations.json#/definitions/contextValueFound'),
          ref('annotations.json#/definitions/contextValueInArrayFound'),
        ],
      },
    },
  },
  '3.1 id is one IRI': {
    type: 'object',
    required: ['id'],
    properties: { id: ref('id.json#/definitions/arraySingleStringUri') },
  },
  '3.1 type is Annotation': ref('annotations.json#/definitions/annotationTypeValueFound'),
  '3.1 target is present and every target is a recognized resource': {
    type: 'object',
    required: ['target'],
    properties: {
      target: {
        oneOf: [
          ref('bodyTarget.json#/definitions/targetResourcesFound'),
          { type: 'array', minItems: 1, items: ref('bodyTarget.json#/definitions/targetResourcesFound') },
        ],
      },
    },
  },
  '3.2 every body is a recognized resource': {
    type: 'object',
    properties: {
      body: {
        oneOf: [
          ref('bodyTarget.json#/definitions/bodyResourcesFound'),
          { type: 'array', minItems: 1, items: ref('bodyTarget.json#/definitions/bodyResourcesFound') },
        ],
      },
    },
  },
  '3.2.5 not both body and bodyValue': { not: { type: 'object', required: ['body', 'bodyValue'] } },
  '3.2.5 bodyValue valid if present': ref('annotations.json#/definitions/bodyValueValidIfPresent'),
  '3.3.1 created, modified, generated are single date-times': {
    allOf: [
      ref('otherProperties.json#/definitions/createdValidIfPresent'),
      ref('otherProperties.json#/definitions/modifiedValidIfPresent'),
      ref('otherProperties.json#/definitions/generatedValidIfPresent'),
    ],
  },
  '3.3.1 creator valid if present': ref('otherProperties.json#/definitions/creatorValidIfPresent'),
  '3.3.2 creator is an Agent of a recognized type with one name': {
    type: 'object',
    properties: {
      creator: {
        allOf: [
          ref('otherProperties.json#/definitions/agentTypeDefinition'),
          ref('otherProperties.json#/definitions/agentSingularNameDefinition'),
        ],
      },
    },
  },
  '3.3.5 motivation is from the model': ref('annotations.json#/definitions/motivationRecognizedIfPresent'),
  '3.3.6 rights, 3.3.7 canonical and via valid if present': {
    allOf: [
      ref('otherProperties.json#/definitions/rightsValidIfPresent'),
      ref('otherProperties.json#/definitions/canonicalValidIfPresent'),
      ref('otherProperties.json#/definitions/viaValidIfPresent'),
    ],
  },
};

/** Requirements on each body of an Annotation (3.2.1-3.2.4, 3.3.5). */
const BODY_CHECKS: Record<string, object> = {
  '3.2.4 an embedded TextualBody': ref('bodyTarget.json#/definitions/textualBodyFound'),
  '3.2.1-3.3 optional body keys meet their MUSTs': ref(
    'bodyTarget.json#/definitions/optionalBodyPropertiesMust',
  ),
  '3.2.2 body type from the model': ref('bodyTarget.json#/definitions/resourceTypeShouldIfPresent'),
  '3.2.1 format and language are single and valid': {
    allOf: [
      ref('bodyTarget.json#/definitions/formatSingularIfPresent'),
      ref('bodyTarget.json#/definitions/languageSingularIfPresent'),
    ],
  },
  '3.3.5 purpose is from the model': ref('otherProperties.json#/definitions/purposeRecognizedIfPresent'),
};

/** Requirements on each target (4, 4.2.4, 4.2.5), and on its source resource (3.2.1-3.2.2, 3.3.7). */
const TARGET_CHECKS: Record<string, object> = {
  '4 a Specific Resource with exactly one source': ref(
    'specificResource.json#/definitions/specificeResourceDetected',
  ),
  '3.2-3.3 optional target keys meet their MUSTs': ref(
    'bodyTarget.json#/definitions/optionalTargetPropertiesMust',
  ),
  '4.2 every selector is one the model describes': ref('specificResource.json#/definitions/selectorDefined'),
  '4.2.4 a TextQuoteSelector with exact, prefix and suffix': {
    type: 'object',
    required: ['selector'],
    properties: {
      selector: {
        type: 'array',
        not: { items: { not: ref('specificResource.json#/definitions/textQuoteSelectorDetected') } },
      },
    },
  },
  '4.2.5 a TextPositionSelector with start and end': {
    type: 'object',
    required: ['selector'],
    properties: {
      selector: {
        type: 'array',
        not: { items: { not: ref('specificResource.json#/definitions/textPositionSelectorDetected') } },
      },
    },
  },
  '4 the source, if an object, keeps the model on created, modified, via, textDirection': {
    allOf: [
      ref('specificResource.json#/definitions/sourceWithCreated'),
      ref('specificResource.json#/definitions/sourceWithModified'),
      ref('specificResource.json#/definitions/sourceWithVia'),
      ref('specificResource.json#/definitions/sourceWithTextDirection'),
      ref('specificResource.json#/definitions/sourceWithRights'),
      ref('specificResource.json#/definitions/sourceWithCanonical'),
    ],
  },
  '3.2.1 the source has one valid format and language': {
    type: 'object',
    properties: {
      source: {
        allOf: [
          ref('bodyTarget.json#/definitions/formatSingularIfPresent'),
          ref('bodyTarget.json#/definitions/languageSingularIfPresent'),
          ref('bodyTarget.json#/definitions/resourceTypeShouldIfPresent'),
        ],
      },
    },
  },
};

/** Requirements on the Annotation Collection and its embedded first page (section 5). */
const COLLECTION_CHECKS: Record<string, object> = {
  '5 @context names http://www.w3.org/ns/anno.jsonld': {
    type: 'object',
    required: ['@context'],
    properties: {
      '@context': {
        oneOf: [
          ref('collections.json#/definitions/contextValueFound'),
          ref('collections.json#/definitions/contextValueInArrayFound'),
        ],
      },
    },
  },
  '5.1 id is one IRI': ref('id.json#/definitions/idValueFound'),
  '5.1 type is AnnotationCollection': ref('collections.json#/definitions/annotationCollectionTypeValueFound'),
  '5.1 label and total valid': {
    allOf: [
      ref('collections.json#/definitions/labelDefinition'),
      ref('collections.json#/definitions/totalDefinition'),
      ref('collections.json#/definitions/firstValidIfPresent'),
      ref('collections.json#/definitions/firstRequiredIfTotalMoreThanZero'),
      ref('collections.json#/definitions/lastValidIfPresent'),
    ],
  },
};

const PAGE_CHECKS: Record<string, object> = {
  '5.2 id is one IRI': ref('id.json#/definitions/idValueFound'),
  '5.2 type is AnnotationPage': ref('collections.json#/definitions/annotationPageTypeValueFound'),
  '5.2 items are annotations': ref('collections.json#/definitions/itemsFound'),
  '5.2 partOf, startIndex, next and prev valid': {
    allOf: [
      ref('collections.json#/definitions/partOfValidIfPresent'),
      ref('collections.json#/definitions/startIndexDefinition'),
      ref('collections.json#/definitions/nextValidIfPresent'),
      ref('collections.json#/definitions/prevValidIfPresent'),
    ],
  },
};

function compileChecks(ajv: Ajv, checks: Record<string, object>) {
  return Object.entries(checks).map(([name, schema]) => ({ name, validate: ajv.compile(schema) }));
}

export interface Checker {
  /** Every requirement the value fails, with ajv's first error; empty when it conforms. */
  annotation(value: unknown): string[];
  collection(value: unknown): string[];
}

export function w3cChecker(): Checker {
  // strict off: the suite's definitions carry keywords of their own test harness (like "assertionType").
  const ajv = new Ajv({ strict: false, allErrors: false });
  for (const [name, pattern] of Object.entries(FORMATS)) ajv.addFormat(name, pattern);
  for (const file of readdirSync(DEFINITIONS).filter((f) => f.endsWith('.json'))) {
    ajv.addSchema(JSON.parse(readFileSync(join(DEFINITIONS, file), 'utf8')) as object);
  }
  const groups = {
    annotation: compileChecks(ajv, ANNOTATION_CHECKS),
    body: compileChecks(ajv, BODY_CHECKS),
    target: compileChecks(ajv, TARGET_CHECKS),
    collection: compileChecks(ajv, COLLECTION_CHECKS),
    page: compileChecks(ajv, PAGE_CHECKS),
  };
  const run = (group: keyof typeof groups, value: unknown, where: string): string[] =>
    groups[group]
      .filter((check) => !check.validate(value))
      .map((check) => `${where}: ${check.name} (${ajv.errorsText(check.validate.errors)})`);
  const asList = (value: unknown): unknown[] => (Array.isArray(value) ? value : [value]);

  const annotation = (value: unknown, where = 'annotation'): string[] => {
    const record = value as { body?: unknown; target?: unknown };
    return [
      ...run('annotation', value, where),
      ...asList(record.body ?? []).flatMap((body, i) => run('body', body, `${where} body ${i}`)),
      ...asList(record.target).flatMap((target, i) => run('target', target, `${where} target ${i}`)),
    ];
  };
  return {
    annotation,
    collection: (value) => {
      const first = (value as { first?: { items?: unknown[] } }).first;
      return [
        ...run('collection', value, 'collection'),
        ...(first ? run('page', first, 'first page') : []),
        ...(first?.items ?? []).flatMap((item, i) => annotation(item, `item ${i}`)),
      ];
    },
  };
}
