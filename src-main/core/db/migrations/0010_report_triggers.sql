-- The report ledger is derived: every write that can change a paid line's figures marks the line here,
-- whatever code path made it, and the report refresher recomputes only those lines.
-- Never `INSERT OR IGNORE` in these triggers: inside an upsert the outer statement's conflict policy
-- replaces the trigger's, and an already-marked line would abort the order's capture.
CREATE TRIGGER `report_line_insert` AFTER INSERT ON `order_lines`
BEGIN
  INSERT INTO `report_dirty` (`line_id`) SELECT new.`id` WHERE NOT EXISTS (SELECT 1 FROM `report_dirty` WHERE `line_id` = new.`id`);
END;
--> statement-breakpoint
CREATE TRIGGER `report_line_update` AFTER UPDATE OF `status`, `quantity`, `price_fen`, `product_id`, `refund`, `paid_at`, `delivered_at`, `shop_id` ON `order_lines`
BEGIN
  INSERT INTO `report_dirty` (`line_id`) SELECT new.`id` WHERE NOT EXISTS (SELECT 1 FROM `report_dirty` WHERE `line_id` = new.`id`);
END;
--> statement-breakpoint
CREATE TRIGGER `report_line_key_insert` AFTER INSERT ON `line_keys`
BEGIN
  INSERT INTO `report_dirty` (`line_id`) SELECT new.`line_id` WHERE NOT EXISTS (SELECT 1 FROM `report_dirty` WHERE `line_id` = new.`line_id`);
END;
--> statement-breakpoint
CREATE TRIGGER `report_line_key_delete` AFTER DELETE ON `line_keys`
BEGIN
  INSERT INTO `report_dirty` (`line_id`) SELECT old.`line_id` WHERE NOT EXISTS (SELECT 1 FROM `report_dirty` WHERE `line_id` = old.`line_id`);
END;
--> statement-breakpoint
CREATE TRIGGER `report_topup_insert` AFTER INSERT ON `topup_attempts`
BEGIN
  INSERT INTO `report_dirty` (`line_id`) SELECT new.`line_id` WHERE NOT EXISTS (SELECT 1 FROM `report_dirty` WHERE `line_id` = new.`line_id`);
END;
--> statement-breakpoint
CREATE TRIGGER `report_topup_update` AFTER UPDATE OF `state`, `cost_fen` ON `topup_attempts`
BEGIN
  INSERT INTO `report_dirty` (`line_id`) SELECT new.`line_id` WHERE NOT EXISTS (SELECT 1 FROM `report_dirty` WHERE `line_id` = new.`line_id`);
END;
--> statement-breakpoint
CREATE TRIGGER `report_order_update` AFTER UPDATE OF `paid_at`, `buyer_index` ON `orders`
BEGIN
  INSERT INTO `report_dirty` (`line_id`) SELECT `id` FROM `order_lines` l WHERE `order_id` = new.`id` AND NOT EXISTS (SELECT 1 FROM `report_dirty` d WHERE d.`line_id` = l.`id`);
END;
--> statement-breakpoint
CREATE TRIGGER `report_signals_insert` AFTER INSERT ON `order_signals`
BEGIN
  INSERT INTO `report_dirty` (`line_id`) SELECT `id` FROM `order_lines` l WHERE `order_id` = new.`order_id` AND NOT EXISTS (SELECT 1 FROM `report_dirty` d WHERE d.`line_id` = l.`id`);
END;
--> statement-breakpoint
CREATE TRIGGER `report_signals_update` AFTER UPDATE OF `buyer_key`, `region` ON `order_signals`
BEGIN
  INSERT INTO `report_dirty` (`line_id`) SELECT `id` FROM `order_lines` l WHERE `order_id` = new.`order_id` AND NOT EXISTS (SELECT 1 FROM `report_dirty` d WHERE d.`line_id` = l.`id`);
END;
--> statement-breakpoint
CREATE TRIGGER `report_batch_cost` AFTER UPDATE OF `unit_cost_fen` ON `batches`
BEGIN
  INSERT INTO `report_dirty` (`line_id`)
    SELECT DISTINCT lk.`line_id` FROM `keys` k JOIN `line_keys` lk ON lk.`key_id` = k.`id`
    WHERE k.`batch_id` = new.`id` AND NOT EXISTS (SELECT 1 FROM `report_dirty` d WHERE d.`line_id` = lk.`line_id`);
END;
--> statement-breakpoint
-- Lines that exist already are computed on the first refresh after the upgrade.
INSERT OR IGNORE INTO `report_dirty` (`line_id`) SELECT `id` FROM `order_lines`;
