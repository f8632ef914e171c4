-- Timed reminders of a campaign and the e-mail addresses they go to; the unit that created a
-- campaign (its admins and those above edit the campaign's phases and metrics).

-- NULL for campaigns made by the system (the demo, the command line): a system admin edits them.
ALTER TABLE campaigns ADD COLUMN owner_unit_id INTEGER REFERENCES units (id);

-- An optional address, checked by the program (check_email in domain/user.h); stored as typed.
ALTER TABLE users ADD COLUMN email TEXT;

-- One row per reminder sent: a unit behind its quota as the last day of `duty` (its deadline, or
-- its extension when later) nears. The primary key makes it once per unit and day, across runs
-- and restarts; the inbox notice is written in the same transaction. behind_json holds the
-- metrics behind (name, measure, figure, quota) for the e-mail. mail_state: 'pending' until the
-- e-mail is sent ('sent') or there is nobody to send it to ('none'); failed attempts are counted.
CREATE TABLE campaign_reminders (
    campaign_id INTEGER NOT NULL REFERENCES campaigns (id),
    unit_id INTEGER NOT NULL REFERENCES units (id),
    duty TEXT NOT NULL,
    due_on TEXT NOT NULL,
    notice_id INTEGER NOT NULL REFERENCES inbox_notices (id),
    behind_json TEXT NOT NULL,
    created_at TEXT NOT NULL,
    mail_state TEXT NOT NULL,
    mail_attempts INTEGER NOT NULL DEFAULT 0,
    mail_error TEXT NOT NULL DEFAULT '',
    mailed_at TEXT,
    PRIMARY KEY (campaign_id, unit_id, duty, due_on)
);

CREATE INDEX campaign_reminders_mail ON campaign_reminders (mail_state);
