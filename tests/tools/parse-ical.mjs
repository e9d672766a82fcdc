// Parses an iCalendar file with ical.js (a real RFC 5545 parser) and prints what the tests check as JSON.
// Usage: node parse-ical.mjs file.ics  — exits non-zero when the file does not parse.
import { readFileSync } from 'node:fs';
import ICAL from 'ical.js';

const text = readFileSync(process.argv[2], 'utf8');
const calendar = new ICAL.Component(ICAL.parse(text));
for (const tz of calendar.getAllSubcomponents('vtimezone')) {
  ICAL.TimezoneService.register(tz);
}
const events = calendar.getAllSubcomponents('vevent').map(vevent => {
  const start = vevent.getFirstProperty('dtstart');
  const event = new ICAL.Event(vevent);
  return {
    uid: event.uid,
    summary: event.summary,
    description: event.description,
    location: event.location,
    sequence: event.sequence,
    status: vevent.getFirstPropertyValue('status'),
    dtstamp: vevent.getFirstPropertyValue('dtstamp')?.toString() ?? null,
    dtstampIsUtc: vevent.getFirstPropertyValue('dtstamp')?.zone === ICAL.Timezone.utcTimezone,
    tzid: start.getParameter('tzid') ?? null,
    start: event.startDate.toString(),
    startUtc: event.startDate.toJSDate().toISOString(),
    endUtc: event.endDate.toJSDate().toISOString(),
    url: vevent.getFirstPropertyValue('url'),
  };
});
const timezones = calendar.getAllSubcomponents('vtimezone').map(tz => tz.getFirstPropertyValue('tzid'));
console.log(JSON.stringify({
  version: calendar.getFirstPropertyValue('version'),
  prodid: calendar.getFirstPropertyValue('prodid'),
  method: calendar.getFirstPropertyValue('method'),
  timezones,
  events,
}));
