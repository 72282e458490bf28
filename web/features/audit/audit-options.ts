import { en, lv } from '../../i18n/index.ts';

type Tree = { [key: string]: string | string[] | Tree };

/** Action codes grouped by entity, labelled in the current language: the action filter's choices. */
export function actionOptions(language: 'lv' | 'en') {
  const tree = (language === 'en' ? en : lv) as Tree;
  const actions = tree.auditActions as Record<string, Record<string, string>>;
  const types = tree.entityTypes as Record<string, string>;
  return Object.entries(actions)
    .map(([entity, byAction]) => ({
      group: types[entity] ?? (tree.audit as Record<string, string>).otherActions,
      items: Object.entries(byAction)
        .map(([action, label]) => ({ value: `${entity}.${action}`, label }))
        .sort((a, b) => a.label.localeCompare(b.label, language)),
    }))
    .sort((a, b) => a.group.localeCompare(b.group, language));
}

/** Entity types labelled in the current language: the record-type filter's choices. */
export function entityTypeOptions(language: 'lv' | 'en') {
  const types = ((language === 'en' ? en : lv) as Tree).entityTypes as Record<string, string>;
  return Object.entries(types)
    .map(([value, label]) => ({ value, label }))
    .sort((a, b) => a.label.localeCompare(b.label, language));
}
