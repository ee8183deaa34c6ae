CREATE TABLE `checkpoints` (
	`id` text PRIMARY KEY NOT NULL,
	`created_at` text NOT NULL,
	`updated_at` text NOT NULL,
	`updated_by` text NOT NULL,
	`device_id` text NOT NULL,
	`deleted_at` text,
	`engagement_id` text NOT NULL,
	`name` text NOT NULL,
	`planned_at` text NOT NULL,
	`checkpoint` text NOT NULL
);
--> statement-breakpoint
CREATE INDEX `checkpoints_engagement_idx` ON `checkpoints` (`engagement_id`,`planned_at`);--> statement-breakpoint
CREATE TABLE `incidents` (
	`id` text PRIMARY KEY NOT NULL,
	`created_at` text NOT NULL,
	`updated_at` text NOT NULL,
	`updated_by` text NOT NULL,
	`device_id` text NOT NULL,
	`deleted_at` text,
	`engagement_id` text NOT NULL,
	`seq` integer NOT NULL,
	`severity` text NOT NULL,
	`title` text NOT NULL,
	`incident` text NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `incidents_engagement_seq_idx` ON `incidents` (`engagement_id`,`seq`);--> statement-breakpoint
CREATE TABLE `log_entries` (
	`id` text PRIMARY KEY NOT NULL,
	`created_at` text NOT NULL,
	`updated_at` text NOT NULL,
	`updated_by` text NOT NULL,
	`device_id` text NOT NULL,
	`deleted_at` text,
	`engagement_id` text NOT NULL,
	`kind` text NOT NULL,
	`text` text NOT NULL,
	`occurred_at` text NOT NULL,
	`late` integer NOT NULL,
	`author` text NOT NULL,
	`incident_id` text,
	`checkpoint_id` text,
	`revision_of` text
);
--> statement-breakpoint
CREATE INDEX `log_entries_engagement_idx` ON `log_entries` (`engagement_id`,`occurred_at`);--> statement-breakpoint
CREATE INDEX `log_entries_revision_idx` ON `log_entries` (`revision_of`);--> statement-breakpoint
CREATE TABLE `on_duty_settings` (
	`id` text PRIMARY KEY NOT NULL,
	`created_at` text NOT NULL,
	`updated_at` text NOT NULL,
	`updated_by` text NOT NULL,
	`device_id` text NOT NULL,
	`deleted_at` text,
	`engagement_id` text NOT NULL,
	`settings` text NOT NULL,
	`closed_at` text,
	`closure` text
);
--> statement-breakpoint
CREATE UNIQUE INDEX `on_duty_settings_engagement_idx` ON `on_duty_settings` (`engagement_id`);--> statement-breakpoint
CREATE TABLE `shifts` (
	`id` text PRIMARY KEY NOT NULL,
	`created_at` text NOT NULL,
	`updated_at` text NOT NULL,
	`updated_by` text NOT NULL,
	`device_id` text NOT NULL,
	`deleted_at` text,
	`engagement_id` text NOT NULL,
	`contact_id` text NOT NULL,
	`role_id` text NOT NULL,
	`start_utc` text NOT NULL,
	`end_utc` text NOT NULL,
	`notes` text NOT NULL
);
--> statement-breakpoint
CREATE INDEX `shifts_engagement_idx` ON `shifts` (`engagement_id`,`start_utc`);