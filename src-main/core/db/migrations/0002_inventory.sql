CREATE TABLE `batches` (
	`id` integer PRIMARY KEY NOT NULL,
	`product_id` integer NOT NULL,
	`import_id` integer,
	`supplier` text DEFAULT '' NOT NULL,
	`unit_cost_fen` integer NOT NULL,
	`purchased_at` integer NOT NULL,
	`expires_at` integer,
	`priority` integer DEFAULT 0 NOT NULL,
	`note` text DEFAULT '' NOT NULL,
	`source_file_hash` text,
	`created_at` integer NOT NULL,
	FOREIGN KEY (`product_id`) REFERENCES `products`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`import_id`) REFERENCES `imports`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `batches_product` ON `batches` (`product_id`);--> statement-breakpoint
CREATE TABLE `import_problems` (
	`import_id` integer NOT NULL,
	`row` integer NOT NULL,
	`kind` text NOT NULL,
	`reason` text NOT NULL,
	`card_no` text,
	FOREIGN KEY (`import_id`) REFERENCES `imports`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `import_problems_import` ON `import_problems` (`import_id`,`row`);--> statement-breakpoint
CREATE TABLE `imports` (
	`id` integer PRIMARY KEY NOT NULL,
	`product_id` integer NOT NULL,
	`file_name` text NOT NULL,
	`file_hash` text NOT NULL,
	`format` text NOT NULL,
	`mode` text NOT NULL,
	`status` text NOT NULL,
	`imported` integer NOT NULL,
	`duplicates_in_file` integer NOT NULL,
	`duplicates_in_stock` integer NOT NULL,
	`invalid` integer NOT NULL,
	`source` text NOT NULL,
	`started_at` integer NOT NULL,
	`finished_at` integer NOT NULL,
	`undone_at` integer,
	FOREIGN KEY (`product_id`) REFERENCES `products`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `imports_product` ON `imports` (`product_id`);--> statement-breakpoint
CREATE INDEX `imports_hash` ON `imports` (`file_hash`);--> statement-breakpoint
CREATE TABLE `keys` (
	`id` integer PRIMARY KEY NOT NULL,
	`product_id` integer NOT NULL,
	`batch_id` integer NOT NULL,
	`import_id` integer,
	`source_row` integer,
	`card_no` text,
	`secret_sealed` blob NOT NULL,
	`secret_index` blob NOT NULL,
	`extra` text,
	`status` text NOT NULL,
	`expires_at` integer,
	`void_reason` text,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL,
	FOREIGN KEY (`product_id`) REFERENCES `products`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`batch_id`) REFERENCES `batches`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`import_id`) REFERENCES `imports`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `keys_secret_index_unique` ON `keys` (`secret_index`);--> statement-breakpoint
CREATE INDEX `keys_pick` ON `keys` (`product_id`,`status`,`expires_at`,`id`);--> statement-breakpoint
CREATE INDEX `keys_status_id` ON `keys` (`status`,`id`);--> statement-breakpoint
CREATE INDEX `keys_product_id` ON `keys` (`product_id`,`id`);--> statement-breakpoint
CREATE INDEX `keys_batch_status_id` ON `keys` (`batch_id`,`status`,`id`);--> statement-breakpoint
CREATE INDEX `keys_card_no` ON `keys` (`card_no`);--> statement-breakpoint
CREATE INDEX `keys_import` ON `keys` (`import_id`);--> statement-breakpoint
CREATE TABLE `product_components` (
	`combo_id` integer NOT NULL,
	`component_id` integer NOT NULL,
	`quantity` integer NOT NULL,
	PRIMARY KEY(`combo_id`, `component_id`),
	FOREIGN KEY (`combo_id`) REFERENCES `products`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`component_id`) REFERENCES `products`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE TABLE `products` (
	`id` integer PRIMARY KEY NOT NULL,
	`code` text NOT NULL,
	`name` text NOT NULL,
	`type` text NOT NULL,
	`face_value_fen` integer,
	`price_fen` integer NOT NULL,
	`delivery_template` text,
	`low_stock_threshold` integer DEFAULT 10 NOT NULL,
	`reusable` integer DEFAULT false NOT NULL,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL,
	`archived_at` integer
);
--> statement-breakpoint
CREATE UNIQUE INDEX `products_code_unique` ON `products` (`code`);