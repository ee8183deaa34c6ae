CREATE TABLE `capacity_items` (
	`id` text PRIMARY KEY NOT NULL,
	`created_at` text NOT NULL,
	`updated_at` text NOT NULL,
	`updated_by` text NOT NULL,
	`device_id` text NOT NULL,
	`deleted_at` text,
	`engagement_id` text NOT NULL,
	`scope_resource_id` text,
	`formula_id` text NOT NULL,
	`name` text NOT NULL,
	`inputs` text NOT NULL,
	`notes` text NOT NULL,
	`sort_order` integer NOT NULL
);
--> statement-breakpoint
CREATE INDEX `capacity_items_engagement_idx` ON `capacity_items` (`engagement_id`);--> statement-breakpoint
CREATE TABLE `optimization_items` (
	`id` text PRIMARY KEY NOT NULL,
	`created_at` text NOT NULL,
	`updated_at` text NOT NULL,
	`updated_by` text NOT NULL,
	`device_id` text NOT NULL,
	`deleted_at` text,
	`engagement_id` text NOT NULL,
	`kind` text NOT NULL,
	`title` text NOT NULL,
	`fields` text NOT NULL,
	`owner` text NOT NULL,
	`due_date` text,
	`status` text NOT NULL,
	`template_id` text,
	`sort_order` integer NOT NULL
);
--> statement-breakpoint
CREATE INDEX `optimization_items_engagement_idx` ON `optimization_items` (`engagement_id`,`kind`);--> statement-breakpoint
CREATE TABLE `stress_plans` (
	`id` text PRIMARY KEY NOT NULL,
	`created_at` text NOT NULL,
	`updated_at` text NOT NULL,
	`updated_by` text NOT NULL,
	`device_id` text NOT NULL,
	`deleted_at` text,
	`engagement_id` text NOT NULL,
	`plan` text NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `stress_plans_engagement_idx` ON `stress_plans` (`engagement_id`);--> statement-breakpoint
CREATE TABLE `stress_runs` (
	`id` text PRIMARY KEY NOT NULL,
	`created_at` text NOT NULL,
	`updated_at` text NOT NULL,
	`updated_by` text NOT NULL,
	`device_id` text NOT NULL,
	`deleted_at` text,
	`engagement_id` text NOT NULL,
	`name` text NOT NULL,
	`file_name` text NOT NULL,
	`file_bytes` integer NOT NULL,
	`file_sha256` text NOT NULL,
	`format` text NOT NULL,
	`mapping` text,
	`label_scenarios` text NOT NULL,
	`analysis` text NOT NULL,
	`notes` text NOT NULL,
	`started_at` text NOT NULL
);
--> statement-breakpoint
CREATE INDEX `stress_runs_engagement_idx` ON `stress_runs` (`engagement_id`);--> statement-breakpoint
CREATE TABLE `stress_scenarios` (
	`id` text PRIMARY KEY NOT NULL,
	`created_at` text NOT NULL,
	`updated_at` text NOT NULL,
	`updated_by` text NOT NULL,
	`device_id` text NOT NULL,
	`deleted_at` text,
	`engagement_id` text NOT NULL,
	`name` text NOT NULL,
	`scenario` text NOT NULL,
	`sort_order` integer NOT NULL
);
--> statement-breakpoint
CREATE INDEX `stress_scenarios_engagement_idx` ON `stress_scenarios` (`engagement_id`);