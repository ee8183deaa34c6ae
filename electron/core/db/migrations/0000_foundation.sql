CREATE TABLE `engagements` (
	`id` text PRIMARY KEY NOT NULL,
	`created_at` text NOT NULL,
	`updated_at` text NOT NULL,
	`updated_by` text NOT NULL,
	`device_id` text NOT NULL,
	`deleted_at` text,
	`customer_org` text NOT NULL,
	`event_name` text NOT NULL,
	`event_kind` text NOT NULL,
	`event_start_utc` text NOT NULL,
	`event_end_utc` text NOT NULL,
	`event_start_local` text NOT NULL,
	`event_end_local` text NOT NULL,
	`time_zone` text NOT NULL,
	`catalog_id` text NOT NULL,
	`edition_id` text NOT NULL,
	`language` text NOT NULL,
	`status` text NOT NULL,
	`status_before_archive` text,
	`purged_at` text
);
--> statement-breakpoint
CREATE INDEX `engagements_live_idx` ON `engagements` (`deleted_at`,`status`);--> statement-breakpoint
CREATE INDEX `engagements_updated_idx` ON `engagements` (`updated_at`);--> statement-breakpoint
CREATE TABLE `settings` (
	`key` text PRIMARY KEY NOT NULL,
	`value` text NOT NULL,
	`updated_at` text NOT NULL
);
