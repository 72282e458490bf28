CREATE TABLE "confirmation_attempts" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "confirmation_attempts_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"ip" text NOT NULL,
	"token_hash" text NOT NULL,
	"at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE INDEX "confirmation_attempts_ip_idx" ON "confirmation_attempts" USING btree ("ip","at");--> statement-breakpoint
CREATE INDEX "confirmation_attempts_token_idx" ON "confirmation_attempts" USING btree ("token_hash","at");
