-- The students list's class and grade sorts across many schools (a municipality, the nation): each
-- sort's whole key, in each direction (the name keys and the id stay ascending when the class or the
-- grade is sorted descending, so a backward scan cannot serve both), so page 1 walks an index and
-- stops after a page of rows in scope instead of sorting every student in scope. One school's list
-- sorts its own rows (a few thousand at most) as before.
CREATE INDEX IF NOT EXISTS "students_class_sort_asc_idx" ON "students" USING btree ("class_label", (translate(lower("last_name"), 'aābcčdeēfgģhiījkķlļmnņopqrsštuūvwxyzž', 'AABCDEFFGHIJKKLMNOPQRSTUVWXYZ[[\]^_`a') collate "C"), (translate(lower("first_name"), 'aābcčdeēfgģhiījkķlļmnņopqrsštuūvwxyzž', 'AABCDEFFGHIJKKLMNOPQRSTUVWXYZ[[\]^_`a') collate "C"), "id");--> statement-breakpoint
CREATE INDEX IF NOT EXISTS "students_class_sort_desc_idx" ON "students" USING btree ("class_label" DESC, (translate(lower("last_name"), 'aābcčdeēfgģhiījkķlļmnņopqrsštuūvwxyzž', 'AABCDEFFGHIJKKLMNOPQRSTUVWXYZ[[\]^_`a') collate "C"), (translate(lower("first_name"), 'aābcčdeēfgģhiījkķlļmnņopqrsštuūvwxyzž', 'AABCDEFFGHIJKKLMNOPQRSTUVWXYZ[[\]^_`a') collate "C"), "id");--> statement-breakpoint
CREATE INDEX IF NOT EXISTS "students_grade_sort_asc_idx" ON "students" USING btree ((coalesce("grade", 100)), (coalesce("course", 100)), "class_label", (translate(lower("last_name"), 'aābcčdeēfgģhiījkķlļmnņopqrsštuūvwxyzž', 'AABCDEFFGHIJKKLMNOPQRSTUVWXYZ[[\]^_`a') collate "C"), "id");--> statement-breakpoint
CREATE INDEX IF NOT EXISTS "students_grade_sort_desc_idx" ON "students" USING btree ((coalesce("grade", 100)) DESC, (coalesce("course", 100)) DESC, "class_label", (translate(lower("last_name"), 'aābcčdeēfgģhiījkķlļmnņopqrsštuūvwxyzž', 'AABCDEFFGHIJKKLMNOPQRSTUVWXYZ[[\]^_`a') collate "C"), "id");
--> statement-breakpoint
-- The plans a move left behind (moved_out_at set), by student: with plans_school_idx the plans list
-- finds a scope's plans by index (plans at the scope's schools, or left behind elsewhere by a student
-- now in scope) instead of testing every plan in the country.
CREATE INDEX IF NOT EXISTS "plans_moved_out_idx" ON "plans" USING btree ("student_id") WHERE moved_out_at IS NOT NULL;
