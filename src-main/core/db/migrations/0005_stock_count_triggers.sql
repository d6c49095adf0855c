-- Counts start from what is already in stock, then every change to a key keeps them exact.
INSERT INTO `stock_counts` (`product_id`, `batch_id`, `status`, `n`)
  SELECT `product_id`, `batch_id`, `status`, count(*) FROM `keys` GROUP BY 1, 2, 3;
--> statement-breakpoint
CREATE TRIGGER `keys_count_insert` AFTER INSERT ON `keys`
BEGIN
  INSERT INTO `stock_counts` (`product_id`, `batch_id`, `status`, `n`) VALUES (new.`product_id`, new.`batch_id`, new.`status`, 1)
    ON CONFLICT (`product_id`, `batch_id`, `status`) DO UPDATE SET `n` = `n` + 1;
END;
--> statement-breakpoint
CREATE TRIGGER `keys_count_delete` AFTER DELETE ON `keys`
BEGIN
  UPDATE `stock_counts` SET `n` = `n` - 1 WHERE `product_id` = old.`product_id` AND `batch_id` = old.`batch_id` AND `status` = old.`status`;
END;
--> statement-breakpoint
CREATE TRIGGER `keys_count_update` AFTER UPDATE OF `status`, `product_id`, `batch_id` ON `keys`
BEGIN
  UPDATE `stock_counts` SET `n` = `n` - 1 WHERE `product_id` = old.`product_id` AND `batch_id` = old.`batch_id` AND `status` = old.`status`;
  INSERT INTO `stock_counts` (`product_id`, `batch_id`, `status`, `n`) VALUES (new.`product_id`, new.`batch_id`, new.`status`, 1)
    ON CONFLICT (`product_id`, `batch_id`, `status`) DO UPDATE SET `n` = `n` + 1;
END;
