/*!40101 SET NAMES binary*/;
/*!40014 SET FOREIGN_KEY_CHECKS=0*/;
/*!40101 SET SQL_MODE='NO_AUTO_VALUE_ON_ZERO,ERROR_FOR_DIVISION_BY_ZERO,NO_AUTO_CREATE_USER,NO_ENGINE_SUBSTITUTION'*/;
/*!40103 SET TIME_ZONE='+00:00' */;
SET @PREV_CHARACTER_SET_CLIENT=@@CHARACTER_SET_CLIENT;
SET @PREV_CHARACTER_SET_RESULTS=@@CHARACTER_SET_RESULTS;
SET @PREV_COLLATION_CONNECTION=@@COLLATION_CONNECTION;
SET character_set_client = utf8mb4;
SET character_set_results = utf8mb4;
SET collation_connection = utf8mb4_general_ci;
DROP FUNCTION IF EXISTS `greet`;
CREATE DEFINER=`root`@`127.0.0.1` FUNCTION `greet`(who VARCHAR(20)) RETURNS varchar(60) CHARSET utf8mb4 COLLATE utf8mb4_general_ci
    NO SQL
    DETERMINISTIC
RETURN CONCAT('hello; ', who, ' 😀');
SET character_set_client = @PREV_CHARACTER_SET_CLIENT;
SET character_set_results = @PREV_CHARACTER_SET_RESULTS;
SET collation_connection = @PREV_COLLATION_CONNECTION;
SET @PREV_CHARACTER_SET_CLIENT=@@CHARACTER_SET_CLIENT;
SET @PREV_CHARACTER_SET_RESULTS=@@CHARACTER_SET_RESULTS;
SET @PREV_COLLATION_CONNECTION=@@COLLATION_CONNECTION;
SET character_set_client = utf8mb4;
SET character_set_results = utf8mb4;
SET collation_connection = utf8mb4_general_ci;
DROP FUNCTION IF EXISTS `region_total`;
CREATE DEFINER=`root`@`127.0.0.1` FUNCTION `region_total`(p_region CHAR(2)) RETURNS decimal(14,2)
    READS SQL DATA
    DETERMINISTIC
BEGIN
  DECLARE s DECIMAL(14,2); 
  SELECT SUM(total) INTO s FROM parent WHERE region = p_region; 
  RETURN IFNULL(s, 0); 
END;
SET character_set_client = @PREV_CHARACTER_SET_CLIENT;
SET character_set_results = @PREV_CHARACTER_SET_RESULTS;
SET collation_connection = @PREV_COLLATION_CONNECTION;
SET @PREV_CHARACTER_SET_CLIENT=@@CHARACTER_SET_CLIENT;
SET @PREV_CHARACTER_SET_RESULTS=@@CHARACTER_SET_RESULTS;
SET @PREV_COLLATION_CONNECTION=@@COLLATION_CONNECTION;
SET character_set_client = utf8mb4;
SET character_set_results = utf8mb4;
SET collation_connection = utf8mb4_general_ci;
DROP PROCEDURE IF EXISTS `add_child`;
CREATE DEFINER=`root`@`127.0.0.1` PROCEDURE `add_child`(IN p_region CHAR(2), IN p_parent INT, IN p_amount DECIMAL(10,2), OUT p_id INT)
    MODIFIES SQL DATA
    COMMENT 'adds a child row; returns its id'
BEGIN
  DECLARE EXIT HANDLER FOR SQLEXCEPTION
  BEGIN
    SET p_id = -1; 
  END; 
  INSERT INTO child (region, parent_id, amount) VALUES (p_region, p_parent, p_amount); 
  SET p_id = LAST_INSERT_ID(); 
END;
SET character_set_client = @PREV_CHARACTER_SET_CLIENT;
SET character_set_results = @PREV_CHARACTER_SET_RESULTS;
SET collation_connection = @PREV_COLLATION_CONNECTION;
SET @PREV_CHARACTER_SET_CLIENT=@@CHARACTER_SET_CLIENT;
SET @PREV_CHARACTER_SET_RESULTS=@@CHARACTER_SET_RESULTS;
SET @PREV_COLLATION_CONNECTION=@@COLLATION_CONNECTION;
SET character_set_client = utf8mb4;
SET character_set_results = utf8mb4;
SET collation_connection = utf8mb4_general_ci;
DROP PROCEDURE IF EXISTS `fill_numbers`;
CREATE DEFINER=`root`@`127.0.0.1` PROCEDURE `fill_numbers`(IN n INT)
BEGIN
  DECLARE i INT DEFAULT 0; 
  DROP TEMPORARY TABLE IF EXISTS tmp_numbers; 
  CREATE TEMPORARY TABLE tmp_numbers (v INT); 
  WHILE i < n DO
    INSERT INTO tmp_numbers VALUES (i); 
    SET i = i + 1; 
  END WHILE; 
  SELECT 'done; $$ // END' AS msg, COUNT(*) AS c FROM tmp_numbers; 
END;
SET character_set_client = @PREV_CHARACTER_SET_CLIENT;
SET character_set_results = @PREV_CHARACTER_SET_RESULTS;
SET collation_connection = @PREV_COLLATION_CONNECTION;
SET @PREV_CHARACTER_SET_CLIENT=@@CHARACTER_SET_CLIENT;
SET @PREV_CHARACTER_SET_RESULTS=@@CHARACTER_SET_RESULTS;
SET @PREV_COLLATION_CONNECTION=@@COLLATION_CONNECTION;
SET character_set_client = utf8mb4;
SET character_set_results = utf8mb4;
SET collation_connection = utf8mb4_general_ci;
DROP EVENT IF EXISTS `ev_daily_cleanup`;
CREATE DEFINER=`root`@`127.0.0.1` EVENT `ev_daily_cleanup` ON SCHEDULE EVERY 1 DAY STARTS '2037-01-01 00:00:00' ON COMPLETION PRESERVE DISABLE COMMENT 'never runs: disabled' DO BEGIN
  DELETE FROM audit WHERE seq < 0; 
  INSERT INTO audit (tbl, action, detail) VALUES ('event', 'cleanup; done', NULL); 
END;
SET character_set_client = @PREV_CHARACTER_SET_CLIENT;
SET character_set_results = @PREV_CHARACTER_SET_RESULTS;
SET collation_connection = @PREV_COLLATION_CONNECTION;
SET @PREV_CHARACTER_SET_CLIENT=@@CHARACTER_SET_CLIENT;
SET @PREV_CHARACTER_SET_RESULTS=@@CHARACTER_SET_RESULTS;
SET @PREV_COLLATION_CONNECTION=@@COLLATION_CONNECTION;
SET character_set_client = utf8mb4;
SET character_set_results = utf8mb4;
SET collation_connection = utf8mb4_general_ci;
DROP EVENT IF EXISTS `ev_once`;
CREATE DEFINER=`root`@`127.0.0.1` EVENT `ev_once` ON SCHEDULE AT '2037-06-01 12:00:00' ON COMPLETION PRESERVE DISABLE DO UPDATE parent SET total = total WHERE 1 = 0;
SET character_set_client = @PREV_CHARACTER_SET_CLIENT;
SET character_set_results = @PREV_CHARACTER_SET_RESULTS;
SET collation_connection = @PREV_COLLATION_CONNECTION;
