// What the window calls things: entity kinds, languages and model roles, defined once.

import type { EntityKind } from "./bindings/EntityKind";
import type { Lang } from "./bindings/Lang";
import type { Role } from "./bindings/Role";

export const KINDS: { kind: EntityKind; label: string }[] = [
  { kind: "PER", label: "Person" },
  { kind: "LOC", label: "Place" },
  { kind: "ORG", label: "Organisation" },
  { kind: "MISC", label: "Other" },
];

export function kindLabel(kind: EntityKind): string {
  return KINDS.find((k) => k.kind === kind)?.label ?? kind;
}

const LANGUAGE_NAMES: Record<Lang, string> = { en: "English", ru: "Russian" };

export function languageName(lang: Lang): string {
  return LANGUAGE_NAMES[lang];
}

const ROLE_NAMES: Record<Role, string> = {
  "summarise-en": "English summariser",
  "translate-en-ru": "English → Russian translator",
  "translate-ru-en": "Russian → English translator",
  "ner-en": "English entities",
  "ner-ru": "Russian entities (bundled)",
};

export function roleName(role: Role): string {
  return ROLE_NAMES[role];
}
