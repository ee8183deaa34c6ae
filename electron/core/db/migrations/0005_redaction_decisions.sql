CREATE TABLE `redaction_decisions` (
	`id` text PRIMARY KEY NOT NULL,
	`created_at` text NOT NULL,
	`updated_at` text NOT NULL,
	`updated_by` text NOT NULL,
	`device_id` text NOT NULL,
	`deleted_at` text,
	`engagement_id` text NOT NULL,
	`source_kind` text NOT NULL,
	`source_id` text NOT NULL,
	`field` text NOT NULL,
	`fingerprint` text NOT NULL,
	`kind` text NOT NULL,
	`decision` text NOT NULL
);
--> statement-breakpoint
CREATE INDEX `redaction_decisions_lookup_idx` ON `redaction_decisions` (`engagement_id`,`source_kind`,`source_id`,`field`,`fingerprint`);