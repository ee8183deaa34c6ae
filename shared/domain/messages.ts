/**
 * English text of the validation keys used in shared schemas. The renderer has its own translated
 * copies (renderer/src/i18n); this one lets the core put readable English in error messages and logs.
 */
export const validationMessagesEn: Record<string, string> = {
  'validation.customerOrgRequired': 'Enter the customer organisation.',
  'validation.eventNameRequired': 'Enter the event name.',
  'validation.eventKind': 'Choose the kind of event.',
  'validation.eventStartRequired': 'Enter when the event starts (date and time).',
  'validation.eventEndRequired': 'Enter when the event ends (date and time).',
  'validation.timeZoneRequired': 'Choose the event time zone.',
  'validation.timeZoneUnknown': 'This time zone is not a known IANA zone (for example Asia/Shanghai).',
  'validation.localTimeMissing': 'This time does not exist in the event time zone (clocks skip it).',
  'validation.endBeforeStart': 'The event must end after it starts.',
  'validation.catalog': 'Choose the service catalog.',
  'validation.edition': 'Choose an edition of the selected catalog.',
  'validation.language': 'Choose English or Simplified Chinese.',
  'validation.colorScheme': 'Choose auto, light or dark.',
  'validation.status': 'Choose a valid status.',
  'validation.tooLong': 'This text is too long.',
  'validation.id': 'This is not a valid id.',
};

export function validationMessage(key: string): string {
  return validationMessagesEn[key] ?? key;
}
