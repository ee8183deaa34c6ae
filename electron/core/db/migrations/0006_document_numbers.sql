CREATE TABLE `document_numbers` (
	`id` text PRIMARY KEY NOT NULL,
	`created_at` text NOT NULL,
	`updated_at` text NOT NULL,
	`updated_by` text NOT NULL,
	`device_id` text NOT NULL,
	`deleted_at` text,
	`engagement_id` text NOT NULL,
	`document_id` text NOT NULL,
	`year` integer NOT NULL,
	`seq` integer NOT NULL,
	`number` text NOT NULL
);
--> statement-breakpoint
CREATE INDEX `document_numbers_engagement_idx` ON `document_numbers` (`engagement_id`,`document_id`);--> statement-breakpoint
CREATE INDEX `document_numbers_year_seq_idx` ON `document_numbers` (`year`,`seq`);