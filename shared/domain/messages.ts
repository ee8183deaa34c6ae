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
  'validation.dateInvalid': 'This date or time does not exist (check the day of the month and the year).',
  'validation.invisibleCharacters': 'Remove line breaks and invisible characters from this name.',
  'validation.id': 'This is not a valid id.',
  'validation.number': 'Enter a number of 0 or more.',
  'validation.sloMetric': 'Name the metric of this objective.',
  'validation.sloTarget': 'Enter the target of this objective.',
  'validation.resourceType': 'Choose the kind of resource.',
  'validation.count': 'Enter a whole number of 1 or more.',
  'validation.party': 'Choose customer or provider.',
  'validation.contactName': "Enter the contact's name.",
  'validation.email': 'Enter a valid email address, or leave it empty.',
  'validation.taskName': "Enter the task's name.",
  'validation.date': 'Enter a valid date.',
  'validation.raci': 'A task needs exactly one A (Accountable) and at least one R (Responsible).',
  'validation.applicationDate': 'Enter the application date N.',
  'validation.orderDate': 'Enter a valid order date, or leave it empty.',
  'validation.calendar': 'Choose a working-day calendar.',
  'validation.days': 'Enter a whole number of days (0–366).',
  'validation.persons': 'Enter the number of people on site (1–100).',
  'validation.overrideReason': 'Say why the plan goes ahead despite this warning (at least 5 characters).',
  'validation.taskEndBeforeStart': 'A task must end on or after the day it starts.',
  'validation.dayTwice': 'This day is listed twice.',
  'validation.severity': 'Choose a severity.',
  'validation.findingTitle': 'Enter the title of the finding.',
  'validation.tooMany': 'This list has too many entries.',
  'validation.dispositionRequired': 'Record the disposition: who accepted the risk and why.',
  'validation.libraryTitle': 'Enter the title in at least one language.',
  'validation.primaryColor': 'Enter a colour as # and six hexadecimal digits, for example #1F3A5F.',
  'validation.patternRequired': 'Enter a pattern.',
  'validation.patternInvisible': 'Remove line breaks and invisible characters from this pattern.',
  'validation.patternBraces':
    'Write each placeholder in braces, like {year}: a brace here is not closed or not opened.',
  'validation.patternUnknownPlaceholder': 'This pattern uses a placeholder Vigil does not know; use only those listed.',
  'validation.documentNumberSeq': 'The document number must contain {seq}, so that every document gets its own number.',
  'validation.fileNamePatternCharacters':
    'A file name cannot contain < > : " / \\ | ? *; remove them from this pattern.',
  'validation.fileNameDistinct':
    'The file name must contain {deliverable} or {number}, so that two documents never get the same name.',
};

export function validationMessage(key: string): string {
  return validationMessagesEn[key] ?? key;
}
