-- Letters to guardians (issue 11): editable templates per kind and language (each edit kept as a
-- version), and every letter sent, with the PDF as it was generated (in stored_files).
CREATE TABLE IF NOT EXISTS "letter_templates" (
  "kind" text NOT NULL CHECK ("kind" IN ('invitation', 'plan_summary', 'absences', 'plan_ended')),
  "language" text NOT NULL CHECK ("language" IN ('lv', 'en')),
  "subject" text NOT NULL,
  "body" text NOT NULL,
  "version" integer NOT NULL DEFAULT 1,
  "updated_by" uuid REFERENCES "users"("id"),
  "updated_at" timestamp with time zone NOT NULL DEFAULT now(),
  PRIMARY KEY ("kind", "language")
);--> statement-breakpoint
CREATE TABLE IF NOT EXISTS "letter_template_versions" (
  "kind" text NOT NULL,
  "language" text NOT NULL,
  "version" integer NOT NULL,
  "subject" text NOT NULL,
  "body" text NOT NULL,
  "updated_by" uuid REFERENCES "users"("id"),
  "updated_at" timestamp with time zone NOT NULL,
  PRIMARY KEY ("kind", "language", "version")
);--> statement-breakpoint
CREATE TABLE IF NOT EXISTS "letters" (
  "id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
  "student_id" uuid NOT NULL REFERENCES "students"("id"),
  "school_id" uuid NOT NULL REFERENCES "organisations"("id"),
  "kind" text NOT NULL CHECK ("kind" IN ('invitation', 'plan_summary', 'absences', 'plan_ended')),
  "language" text NOT NULL CHECK ("language" IN ('lv', 'en')),
  "guardian_id" uuid NOT NULL REFERENCES "guardians"("id"),
  "method" text NOT NULL CHECK ("method" IN ('printed', 'handed', 'emailed')),
  "plan_id" uuid REFERENCES "plans"("id"),
  "template_version" integer NOT NULL,
  "file_id" uuid NOT NULL REFERENCES "stored_files"("id"),
  "sent_by" uuid NOT NULL REFERENCES "users"("id"),
  "sent_at" timestamp with time zone NOT NULL,
  "sent_on" date NOT NULL
);--> statement-breakpoint
CREATE INDEX IF NOT EXISTS "letters_student_idx" ON "letters" USING btree ("student_id", "sent_at" DESC);--> statement-breakpoint
-- The same letter to the same guardian the same way on the same (Latvian) day is a double submit.
CREATE UNIQUE INDEX IF NOT EXISTS "letters_once_a_day_uq" ON "letters" USING btree ("student_id", "guardian_id", "kind", "method", "sent_on");--> statement-breakpoint
INSERT INTO "letter_templates" ("kind", "language", "subject", "body") VALUES
('invitation', 'lv', 'Aicinājums saskaņot atbalsta plānu', $$Cienījamā/cienījamais {{guardianName}}!

{{schoolName}} aicina Jūs kopā ar skolu saskaņot skolēna individuālo atbalsta plānu.

Skolēns: {{studentName}}
Plāns: {{planCode}}
Laikposms: {{period}}

Plānā kopā vienosimies par mērķiem un atbalsta pasākumiem, kas palīdzēs skolēnam sekmīgi mācīties un turpināt izglītību. Lūdzu, sazinieties ar skolu, lai vienotos par tikšanās laiku. Plānu paraksta skolēns, Jūs un skolas koordinators.

Ar cieņu
{{senderName}}
{{schoolName}}
{{date}}$$),
('invitation', 'en', 'Invitation to agree the support plan', $$Dear {{guardianName}},

{{schoolName}} invites you to agree, together with the school, the student's individual support plan.

Student: {{studentName}}
Plan: {{planCode}}
Period: {{period}}

In the plan we will agree together on goals and support measures that will help the student learn successfully and stay in education. Please contact the school to arrange a meeting. The plan is signed by the student, by you and by the school coordinator.

Yours sincerely,
{{senderName}}
{{schoolName}}
{{date}}$$),
('plan_summary', 'lv', 'Atbalsta plāna kopsavilkums', $$Cienījamā/cienījamais {{guardianName}}!

Nosūtām īsu pārskatu par skolēna individuālo atbalsta plānu.

Skolēns: {{studentName}}
Plāns: {{planCode}}
Laikposms: {{period}}

Ko kopā vēlamies sasniegt:
{{goals}}

Kas palīdzēs un kā:
{{measures}}

Ja Jums ir jautājumi vai kaut kas mainās, lūdzu, sazinieties ar skolu.

Ar cieņu
{{senderName}}
{{schoolName}}
{{date}}$$),
('plan_summary', 'en', 'Summary of the support plan', $$Dear {{guardianName}},

Here is a short summary of the student's individual support plan.

Student: {{studentName}}
Plan: {{planCode}}
Period: {{period}}

What we want to achieve together:
{{goals}}

Who helps and how:
{{measures}}

If you have questions or something changes, please contact the school.

Yours sincerely,
{{senderName}}
{{schoolName}}
{{date}}$$),
('absences', 'lv', 'Paziņojums par neattaisnotiem kavējumiem', $$Cienījamā/cienījamais {{guardianName}}!

Informējam par skolēna neattaisnotiem mācību stundu kavējumiem.

Skolēns: {{studentName}}
Laikposms: {{period}}
Neattaisnoti kavētās mācību stundas: {{absences}}

Neattaisnoti kavēto stundu skaits pārsniedz {{threshold}} – robežu, pēc kuras skolai saskaņā ar normatīvajiem aktiem jāinformē pašvaldība. Lūdzam nekavējoties sazināties ar skolu, lai noskaidrotu kavējumu iemeslus un kopā vienotos, kā palīdzēt skolēnam atsākt regulāri apmeklēt skolu.

Ar cieņu
{{senderName}}
{{schoolName}}
{{date}}$$),
('absences', 'en', 'Notice of unjustified absences', $$Dear {{guardianName}},

We are writing about the student's unjustified absences from lessons.

Student: {{studentName}}
Period: {{period}}
Lessons missed without a valid reason: {{absences}}

The number of lessons missed without a valid reason is above {{threshold}}, the limit after which the law requires the school to inform the municipality. Please contact the school without delay, so that together we can find out the reasons and agree how to help the student attend school regularly again.

Yours sincerely,
{{senderName}}
{{schoolName}}
{{date}}$$),
('plan_ended', 'lv', 'Atbalsta plāns noslēgts', $$Cienījamā/cienījamais {{guardianName}}!

Informējam, ka skolēna individuālais atbalsta plāns ir noslēgts.

Skolēns: {{studentName}}
Plāns: {{planCode}}
Laikposms: {{period}}

Paldies par sadarbību. Ja skolēnam arī turpmāk nepieciešams atbalsts, lūdzu, sazinieties ar skolu.

Ar cieņu
{{senderName}}
{{schoolName}}
{{date}}$$),
('plan_ended', 'en', 'The support plan has ended', $$Dear {{guardianName}},

We would like to let you know that the student's individual support plan has ended.

Student: {{studentName}}
Plan: {{planCode}}
Period: {{period}}

Thank you for working with us. If the student needs support again, please contact the school.

Yours sincerely,
{{senderName}}
{{schoolName}}
{{date}}$$)
ON CONFLICT DO NOTHING;--> statement-breakpoint
INSERT INTO "letter_template_versions" ("kind", "language", "version", "subject", "body", "updated_by", "updated_at")
SELECT "kind", "language", "version", "subject", "body", "updated_by", "updated_at" FROM "letter_templates"
ON CONFLICT DO NOTHING;
