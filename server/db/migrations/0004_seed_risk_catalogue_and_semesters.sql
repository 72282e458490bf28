-- The national risk catalogue (domain-notes §1 and §10) and the school semesters 2025/26–2027/28.
-- Data, not schema: the national admin edits the catalogue and periods afterwards.
INSERT INTO risk_items (id, code, risk_type, sort_order, sensitive) VALUES (gen_random_uuid(), 'L01', 'learning', 1, false);
--> statement-breakpoint
INSERT INTO risk_item_versions (item_id, version, name_lv, name_en, description_lv, description_en) SELECT id, 1, 'Neattaisnoti mācību kavējumi', 'Unjustified absences', 'Skolēns bieži kavē mācību stundas bez attaisnojoša iemesla.', 'The student often misses lessons without a valid reason.' FROM risk_items WHERE code = 'L01';
--> statement-breakpoint
INSERT INTO risk_items (id, code, risk_type, sort_order, sensitive) VALUES (gen_random_uuid(), 'L02', 'learning', 2, false);
--> statement-breakpoint
INSERT INTO risk_item_versions (item_id, version, name_lv, name_en, description_lv, description_en) SELECT id, 1, 'Grūtības mācībās', 'Learning difficulties', 'Skolēnam ir grūtības apgūt mācību saturu vienā vai vairākos priekšmetos.', 'The student finds it hard to learn the content of one or more subjects.' FROM risk_items WHERE code = 'L02';
--> statement-breakpoint
INSERT INTO risk_items (id, code, risk_type, sort_order, sensitive) VALUES (gen_random_uuid(), 'L03', 'learning', 3, false);
--> statement-breakpoint
INSERT INTO risk_item_versions (item_id, version, name_lv, name_en, description_lv, description_en) SELECT id, 1, 'Nepietiekami vērtējumi (1–3 vai „nv”)', 'Failing marks (1–3 or "nv")', 'Skolēnam ir nepietiekami vērtējumi vai „nav vērtējuma” vienā vai vairākos priekšmetos.', 'The student has failing marks or "not assessed" in one or more subjects.' FROM risk_items WHERE code = 'L03';
--> statement-breakpoint
INSERT INTO risk_items (id, code, risk_type, sort_order, sensitive) VALUES (gen_random_uuid(), 'L04', 'learning', 4, false);
--> statement-breakpoint
INSERT INTO risk_item_versions (item_id, version, name_lv, name_en, description_lv, description_en) SELECT id, 1, 'Konflikti ar klasesbiedriem vai pedagogiem', 'Conflicts with classmates or teachers', 'Atkārtoti konflikti skolā, kas traucē mācīties.', 'Repeated conflicts at school that get in the way of learning.' FROM risk_items WHERE code = 'L04';
--> statement-breakpoint
INSERT INTO risk_items (id, code, risk_type, sort_order, sensitive) VALUES (gen_random_uuid(), 'L05', 'learning', 5, false);
--> statement-breakpoint
INSERT INTO risk_item_versions (item_id, version, name_lv, name_en, description_lv, description_en) SELECT id, 1, 'Vardarbība, mobings skolā', 'Violence or bullying at school', 'Skolēns cieš no vardarbības vai mobinga, vai pats tajā iesaistās.', 'The student suffers violence or bullying at school, or takes part in it.' FROM risk_items WHERE code = 'L05';
--> statement-breakpoint
INSERT INTO risk_items (id, code, risk_type, sort_order, sensitive) VALUES (gen_random_uuid(), 'L06', 'learning', 6, false);
--> statement-breakpoint
INSERT INTO risk_item_versions (item_id, version, name_lv, name_en, description_lv, description_en) SELECT id, 1, 'Zema mācību motivācija', 'Low motivation to learn', 'Skolēnam trūkst intereses par mācībām vai konkrētiem priekšmetiem.', 'The student lacks interest in learning or in particular subjects.' FROM risk_items WHERE code = 'L06';
--> statement-breakpoint
INSERT INTO risk_items (id, code, risk_type, sort_order, sensitive) VALUES (gen_random_uuid(), 'L07', 'learning', 7, false);
--> statement-breakpoint
INSERT INTO risk_item_versions (item_id, version, name_lv, name_en, description_lv, description_en) SELECT id, 1, 'Uzvedības problēmas', 'Behaviour problems', 'Atkārtoti uzvedības pārkāpumi vai uzvedības traucējumi.', 'Repeated misbehaviour or behaviour disorders.' FROM risk_items WHERE code = 'L07';
--> statement-breakpoint
INSERT INTO risk_items (id, code, risk_type, sort_order, sensitive) VALUES (gen_random_uuid(), 'L08', 'learning', 8, false);
--> statement-breakpoint
INSERT INTO risk_item_versions (item_id, version, name_lv, name_en, description_lv, description_en) SELECT id, 1, 'Adaptācijas grūtības pēc skolas maiņas', 'Adaptation problems after changing school', 'Grūtības iejusties jaunā izglītības iestādē vai klasē.', 'Difficulty settling into a new school or class.' FROM risk_items WHERE code = 'L08';
--> statement-breakpoint
INSERT INTO risk_items (id, code, risk_type, sort_order, sensitive) VALUES (gen_random_uuid(), 'L09', 'learning', 9, false);
--> statement-breakpoint
INSERT INTO risk_item_versions (item_id, version, name_lv, name_en, description_lv, description_en) SELECT id, 1, 'Mācību valoda nav dzimtā valoda', 'Language of instruction is not the mother tongue', 'Valodas barjera apgrūtina mācības.', 'A language barrier makes learning harder.' FROM risk_items WHERE code = 'L09';
--> statement-breakpoint
INSERT INTO risk_items (id, code, risk_type, sort_order, sensitive) VALUES (gen_random_uuid(), 'L10', 'learning', 10, false);
--> statement-breakpoint
INSERT INTO risk_item_versions (item_id, version, name_lv, name_en, description_lv, description_en) SELECT id, 1, 'Risks palikt uz otru gadu vai pagarinātais mācību gads', 'Risk of repeating the year or an extended school year', 'Gada vērtējumi var būt nepietiekami; iespējams pagarinātais mācību gads.', 'Year-end marks may be failing; an extended school year is possible.' FROM risk_items WHERE code = 'L10';
--> statement-breakpoint
INSERT INTO risk_items (id, code, risk_type, sort_order, sensitive) VALUES (gen_random_uuid(), 'E01', 'economic', 11, false);
--> statement-breakpoint
INSERT INTO risk_item_versions (item_id, version, name_lv, name_en, description_lv, description_en) SELECT id, 1, 'Apgrūtināta nokļūšana uz skolu', 'Getting to school is hard', 'Liels attālums, nav sabiedriskā transporta vai naudas biļetēm.', 'Long distance, no public transport or no money for tickets.' FROM risk_items WHERE code = 'E01';
--> statement-breakpoint
INSERT INTO risk_items (id, code, risk_type, sort_order, sensitive) VALUES (gen_random_uuid(), 'E02', 'economic', 12, false);
--> statement-breakpoint
INSERT INTO risk_item_versions (item_id, version, name_lv, name_en, description_lv, description_en) SELECT id, 1, 'Materiālie apstākļi', 'Material hardship', 'Trūcīga vai maznodrošināta ģimene; trūkst naudas ēdināšanai, mācību līdzekļiem, apģērbam.', 'Low-income family; not enough money for meals, study materials or clothes.' FROM risk_items WHERE code = 'E02';
--> statement-breakpoint
INSERT INTO risk_items (id, code, risk_type, sort_order, sensitive) VALUES (gen_random_uuid(), 'E03', 'economic', 13, false);
--> statement-breakpoint
INSERT INTO risk_item_versions (item_id, version, name_lv, name_en, description_lv, description_en) SELECT id, 1, 'Mājās nav pieejas internetam', 'No internet at home', 'Nav iespējas mājās izmantot datoru vai internetu mācībām.', 'No computer or internet at home for school work.' FROM risk_items WHERE code = 'E03';
--> statement-breakpoint
INSERT INTO risk_items (id, code, risk_type, sort_order, sensitive) VALUES (gen_random_uuid(), 'E04', 'economic', 14, false);
--> statement-breakpoint
INSERT INTO risk_item_versions (item_id, version, name_lv, name_en, description_lv, description_en) SELECT id, 1, 'Pienākumi mājās, kas traucē mācībām', 'Household duties that hinder learning', 'Skolēnam mājās ir pienākumi, kas atņem laiku mācībām.', 'Duties at home take the time needed for learning.' FROM risk_items WHERE code = 'E04';
--> statement-breakpoint
INSERT INTO risk_items (id, code, risk_type, sort_order, sensitive) VALUES (gen_random_uuid(), 'E05', 'economic', 15, false);
--> statement-breakpoint
INSERT INTO risk_item_versions (item_id, version, name_lv, name_en, description_lv, description_en) SELECT id, 1, 'Nepieciešamība strādāt', 'Needs to work', 'Skolēns strādā vai jūtas spiests strādāt algotu darbu.', 'The student works, or feels pressed to work for pay.' FROM risk_items WHERE code = 'E05';
--> statement-breakpoint
INSERT INTO risk_items (id, code, risk_type, sort_order, sensitive) VALUES (gen_random_uuid(), 'F01', 'family', 16, true);
--> statement-breakpoint
INSERT INTO risk_item_versions (item_id, version, name_lv, name_en, description_lv, description_en) SELECT id, 1, 'Vecāki ilgstošā prombūtnē', 'Parents away for a long time', 'Piemēram, vecāki strādā ārzemēs.', 'For example, parents working abroad.' FROM risk_items WHERE code = 'F01';
--> statement-breakpoint
INSERT INTO risk_items (id, code, risk_type, sort_order, sensitive) VALUES (gen_random_uuid(), 'F02', 'family', 17, true);
--> statement-breakpoint
INSERT INTO risk_item_versions (item_id, version, name_lv, name_en, description_lv, description_en) SELECT id, 1, 'Pieskata brāli vai māsu', 'Looks after a sibling', 'Skolēnam jārūpējas par jaunākiem brāļiem vai māsām.', 'The student has to look after younger siblings.' FROM risk_items WHERE code = 'F02';
--> statement-breakpoint
INSERT INTO risk_items (id, code, risk_type, sort_order, sensitive) VALUES (gen_random_uuid(), 'F03', 'family', 18, true);
--> statement-breakpoint
INSERT INTO risk_item_versions (item_id, version, name_lv, name_en, description_lv, description_en) SELECT id, 1, 'Vecākiem atkarība', 'Parents have an addiction', 'Atkarība ģimenē ietekmē skolēna ikdienu.', 'Addiction in the family affects the students daily life.' FROM risk_items WHERE code = 'F03';
--> statement-breakpoint
INSERT INTO risk_items (id, code, risk_type, sort_order, sensitive) VALUES (gen_random_uuid(), 'F04', 'family', 19, true);
--> statement-breakpoint
INSERT INTO risk_item_versions (item_id, version, name_lv, name_en, description_lv, description_en) SELECT id, 1, 'Konflikti vai vardarbība ģimenē', 'Conflict or violence in the family', 'Konflikti vai vardarbība mājās.', 'Conflict or violence at home.' FROM risk_items WHERE code = 'F04';
--> statement-breakpoint
INSERT INTO risk_items (id, code, risk_type, sort_order, sensitive) VALUES (gen_random_uuid(), 'F05', 'family', 20, true);
--> statement-breakpoint
INSERT INTO risk_item_versions (item_id, version, name_lv, name_en, description_lv, description_en) SELECT id, 1, 'Vecāki nepietiekami atbalsta vai pārlieku iesaistās', 'Parents give too little support or are over-involved', 'Vecāku iesaiste neatbalsta mācības.', 'Parental involvement does not support learning.' FROM risk_items WHERE code = 'F05';
--> statement-breakpoint
INSERT INTO risk_items (id, code, risk_type, sort_order, sensitive) VALUES (gen_random_uuid(), 'F06', 'family', 21, true);
--> statement-breakpoint
INSERT INTO risk_item_versions (item_id, version, name_lv, name_en, description_lv, description_en) SELECT id, 1, 'Ārpusģimenes aprūpe', 'Out-of-family care', 'Skolēns ir ārpusģimenes aprūpē (bāriņtiesas lēmums).', 'The student is in out-of-family care (orphans court decision).' FROM risk_items WHERE code = 'F06';
--> statement-breakpoint
INSERT INTO risk_items (id, code, risk_type, sort_order, sensitive) VALUES (gen_random_uuid(), 'S01', 'social_health', 22, true);
--> statement-breakpoint
INSERT INTO risk_item_versions (item_id, version, name_lv, name_en, description_lv, description_en) SELECT id, 1, 'Bieži slimo', 'Often ill', 'Bieža vai ilgstoša slimošana.', 'Frequent or long illness.' FROM risk_items WHERE code = 'S01';
--> statement-breakpoint
INSERT INTO risk_items (id, code, risk_type, sort_order, sensitive) VALUES (gen_random_uuid(), 'S02', 'social_health', 23, true);
--> statement-breakpoint
INSERT INTO risk_item_versions (item_id, version, name_lv, name_en, description_lv, description_en) SELECT id, 1, 'Īpašas vajadzības', 'Special needs', 'Skolēnam ir speciālas vajadzības vai veselības traucējumi.', 'The student has special needs or a health condition.' FROM risk_items WHERE code = 'S02';
--> statement-breakpoint
INSERT INTO risk_items (id, code, risk_type, sort_order, sensitive) VALUES (gen_random_uuid(), 'S03', 'social_health', 24, true);
--> statement-breakpoint
INSERT INTO risk_item_versions (item_id, version, name_lv, name_en, description_lv, description_en) SELECT id, 1, 'Slims tuvinieks', 'A close relative is ill', 'Ģimenes locekļa slimība ietekmē skolēnu.', 'Illness of a family member affects the student.' FROM risk_items WHERE code = 'S03';
--> statement-breakpoint
INSERT INTO risk_items (id, code, risk_type, sort_order, sensitive) VALUES (gen_random_uuid(), 'S04', 'social_health', 25, true);
--> statement-breakpoint
INSERT INTO risk_item_versions (item_id, version, name_lv, name_en, description_lv, description_en) SELECT id, 1, 'Grūtniecība vai mazs bērns', 'Pregnancy or a small child', 'Skolniece ir grūtniece vai skolēnam ir mazs bērns.', 'The student is pregnant or has a small child.' FROM risk_items WHERE code = 'S04';
--> statement-breakpoint
INSERT INTO risk_items (id, code, risk_type, sort_order, sensitive) VALUES (gen_random_uuid(), 'S05', 'social_health', 26, true);
--> statement-breakpoint
INSERT INTO risk_item_versions (item_id, version, name_lv, name_en, description_lv, description_en) SELECT id, 1, 'Laulība vai attiecības', 'Marriage or a relationship', 'Attiecības vai laulība ietekmē mācības.', 'A relationship or marriage affects learning.' FROM risk_items WHERE code = 'S05';
--> statement-breakpoint
INSERT INTO risk_items (id, code, risk_type, sort_order, sensitive) VALUES (gen_random_uuid(), 'S06', 'social_health', 27, true);
--> statement-breakpoint
INSERT INTO risk_item_versions (item_id, version, name_lv, name_en, description_lv, description_en) SELECT id, 1, 'Atkarība', 'Addiction', 'Skolēnam ir atkarība (alkohols, narkotikas, azartspēles, ekrāni).', 'The student has an addiction (alcohol, drugs, gambling, screens).' FROM risk_items WHERE code = 'S06';
--> statement-breakpoint
INSERT INTO risk_items (id, code, risk_type, sort_order, sensitive) VALUES (gen_random_uuid(), 'S07', 'social_health', 28, true);
--> statement-breakpoint
INSERT INTO risk_item_versions (item_id, version, name_lv, name_en, description_lv, description_en) SELECT id, 1, 'Negatīva vienaudžu ietekme', 'Negative peer group', 'Skolēns ir negatīvas vienaudžu grupas ietekmē.', 'The student is under the influence of a negative peer group.' FROM risk_items WHERE code = 'S07';
--> statement-breakpoint
INSERT INTO risk_items (id, code, risk_type, sort_order, sensitive) VALUES (gen_random_uuid(), 'S08', 'social_health', 29, true);
--> statement-breakpoint
INSERT INTO risk_item_versions (item_id, version, name_lv, name_en, description_lv, description_en) SELECT id, 1, 'Likumpārkāpumi', 'Offences', 'Skolēns ir izdarījis likumpārkāpumu (policija).', 'The student has committed an offence (police).' FROM risk_items WHERE code = 'S08';
--> statement-breakpoint
INSERT INTO semesters (school_year, number, starts_on, ends_on) VALUES (2025, 1, '2025-09-01', '2025-12-31'), (2025, 2, '2026-01-01', '2026-05-31');
--> statement-breakpoint
INSERT INTO semesters (school_year, number, starts_on, ends_on) VALUES (2026, 1, '2026-09-01', '2026-12-31'), (2026, 2, '2027-01-01', '2027-05-31');
--> statement-breakpoint
INSERT INTO semesters (school_year, number, starts_on, ends_on) VALUES (2027, 1, '2027-09-01', '2027-12-31'), (2027, 2, '2028-01-01', '2028-05-31');
