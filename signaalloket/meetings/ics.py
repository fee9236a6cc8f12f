"""iCalendar (.ics) for the fact-check meeting: REQUEST for invitations and updates, CANCEL.

The UID stays the same for the life of the meeting; SEQUENCE goes up with every change, so
calendar programs replace the earlier version instead of adding a second appointment.
"""

import datetime as dt

from django.conf import settings
from django.utils import timezone
from icalendar import Calendar, Event, vCalAddress, vText

METHOD_REQUEST = "REQUEST"
METHOD_CANCEL = "CANCEL"


def meeting_ics(meeting, *, method: str, attendees, link: str = "") -> bytes:
    cal = Calendar()
    cal.add("prodid", "-//LIEC//Signaalloket//NL")
    cal.add("version", "2.0")
    cal.add("method", method)
    event = Event()
    event.add("uid", meeting.uid)
    event.add("sequence", meeting.sequence)
    event.add("dtstamp", timezone.now().astimezone(dt.UTC))
    event.add("dtstart", meeting.starts_at.astimezone(dt.UTC))
    event.add("dtend", meeting.ends_at.astimezone(dt.UTC))
    event.add("summary", f"Ambtelijk overleg {meeting.signal.reference}")
    location = meeting.location or meeting.video_link
    if location:
        event.add("location", location)
    if meeting.video_link:
        event.add("url", meeting.video_link)
    description = f"Ambtelijk overleg over bestuurlijk signaal {meeting.signal.reference}."
    if link:
        description += f"\n{link}"
    event.add("description", description)
    event.add("status", "CANCELLED" if method == METHOD_CANCEL else "CONFIRMED")
    organizer = vCalAddress(f"mailto:{settings.DESK_CONTACT['email']}")
    organizer.params["cn"] = vText(settings.DESK_CONTACT["name"])
    event.add("organizer", organizer)
    for user in attendees:
        attendee = vCalAddress(f"mailto:{user.email}")
        attendee.params["cn"] = vText(user.full_name or user.email)
        attendee.params["role"] = vText("REQ-PARTICIPANT")
        attendee.params["partstat"] = vText("NEEDS-ACTION")
        attendee.params["rsvp"] = vText("TRUE")
        event.add("attendee", attendee, encode=0)
    cal.add_component(event)
    return cal.to_ical()
