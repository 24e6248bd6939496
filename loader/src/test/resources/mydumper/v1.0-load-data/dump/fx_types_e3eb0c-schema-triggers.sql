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
DROP TRIGGER IF EXISTS `child_bi`;
CREATE DEFINER=`root`@`127.0.0.1` TRIGGER child_bi BEFORE INSERT ON child FOR EACH ROW
BEGIN
  IF NEW.amount < 0 THEN
    SET NEW.amount = 0; 
  END IF; 
  SET NEW.created = IFNULL(NEW.created, '2024-01-01 00:00:00'); 
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
DROP TRIGGER IF EXISTS `child_ai`;
CREATE DEFINER=`root`@`127.0.0.1` TRIGGER child_ai AFTER INSERT ON child FOR EACH ROW
BEGIN
  UPDATE parent SET total = total + NEW.amount WHERE region = NEW.region AND id = NEW.parent_id; 
  INSERT INTO audit (tbl, action, detail) VALUES ('child', 'insert; first', CONCAT('id=', NEW.id, '; amount=', NEW.amount)); 
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
DROP TRIGGER IF EXISTS `child_ai_second`;
CREATE DEFINER=`root`@`127.0.0.1` TRIGGER child_ai_second AFTER INSERT ON child FOR EACH ROW
BEGIN
  INSERT INTO audit (tbl, action, detail) VALUES ('child', 'insert; second', 'BEGIN ... END; in a string'); 
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
DROP TRIGGER IF EXISTS `child_bu`;
CREATE DEFINER=`root`@`127.0.0.1` TRIGGER child_bu BEFORE UPDATE ON child FOR EACH ROW
BEGIN
  DECLARE delta DECIMAL(10,2); 
  SET delta = NEW.amount - OLD.amount; 
  IF delta <> 0 THEN
    UPDATE parent SET total = total + delta WHERE region = NEW.region AND id = NEW.parent_id; 
  END IF; 
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
DROP TRIGGER IF EXISTS `parent_bi`;
CREATE DEFINER=`root`@`127.0.0.1` TRIGGER parent_bi BEFORE INSERT ON parent FOR EACH ROW SET NEW.name = TRIM(NEW.name);
SET character_set_client = @PREV_CHARACTER_SET_CLIENT;
SET character_set_results = @PREV_CHARACTER_SET_RESULTS;
SET collation_connection = @PREV_COLLATION_CONNECTION;
SET @PREV_CHARACTER_SET_CLIENT=@@CHARACTER_SET_CLIENT;
SET @PREV_CHARACTER_SET_RESULTS=@@CHARACTER_SET_RESULTS;
SET @PREV_COLLATION_CONNECTION=@@COLLATION_CONNECTION;
SET character_set_client = utf8mb4;
SET character_set_results = utf8mb4;
SET collation_connection = utf8mb4_general_ci;
DROP TRIGGER IF EXISTS `parent_ad`;
CREATE DEFINER=`root`@`127.0.0.1` TRIGGER parent_ad AFTER DELETE ON parent FOR EACH ROW
BEGIN
  INSERT INTO audit (tbl, action, detail) VALUES ('parent', 'delete', CONCAT(OLD.region, '/', OLD.id, ' "', OLD.name, '"')); 
END;
SET character_set_client = @PREV_CHARACTER_SET_CLIENT;
SET character_set_results = @PREV_CHARACTER_SET_RESULTS;
SET collation_connection = @PREV_COLLATION_CONNECTION;
