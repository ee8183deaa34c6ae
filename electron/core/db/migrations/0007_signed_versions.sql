CREATE TABLE `signed_versions` (
	`id` text PRIMARY KEY NOT NULL,
	`created_at` text NOT NULL,
	`updated_at` text NOT NULL,
	`updated_by` text NOT NULL,
	`device_id` text NOT NULL,
	`deleted_at` text,
	`engagement_id` text NOT NULL,
	`document_id` text NOT NULL,
	`version` integer NOT NULL,
	`number` text NOT NULL,
	`model` text NOT NULL,
	`fingerprint` text NOT NULL,
	`signed_at` text NOT NULL,
	`time_zone` text NOT NULL,
	`customer_name` text NOT NULL,
	`customer_title` text NOT NULL,
	`customer_org` text NOT NULL,
	`customer_signature` text NOT NULL,
	`customer_seal` text,
	`consultant_name` text NOT NULL,
	`consultant_title` text NOT NULL,
	`consultant_org` text NOT NULL,
	`consultant_signature` text NOT NULL,
	`pdf_sha256` text NOT NULL,
	`docx_sha256` text NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `signed_versions_document_version_idx` ON `signed_versions` (`engagement_id`,`document_id`,`version`);