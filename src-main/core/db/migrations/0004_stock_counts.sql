CREATE TABLE `stock_counts` (
	`product_id` integer NOT NULL,
	`batch_id` integer NOT NULL,
	`status` text NOT NULL,
	`n` integer NOT NULL,
	PRIMARY KEY(`product_id`, `batch_id`, `status`)
);
