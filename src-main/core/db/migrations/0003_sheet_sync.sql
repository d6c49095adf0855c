CREATE TABLE `sheet_syncs` (
	`id` integer PRIMARY KEY NOT NULL,
	`product_id` integer NOT NULL,
	`name` text NOT NULL,
	`kind` text NOT NULL,
	`location_sealed` blob NOT NULL,
	`location_hint` text NOT NULL,
	`seal_key` text NOT NULL,
	`interval_minutes` integer NOT NULL,
	`supplier` text DEFAULT '' NOT NULL,
	`unit_cost_fen` integer NOT NULL,
	`enabled` integer NOT NULL,
	`last_checked_at` integer,
	`last_changed_at` integer,
	`last_hash` text,
	`last_imported` integer,
	`last_duplicates` integer,
	`last_invalid` integer,
	`last_error` text,
	`created_at` integer NOT NULL,
	FOREIGN KEY (`product_id`) REFERENCES `products`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `sheet_syncs_seal_key_unique` ON `sheet_syncs` (`seal_key`);