SET @PREV_CHARACTER_SET_CLIENT=@@CHARACTER_SET_CLIENT;
SET @PREV_CHARACTER_SET_RESULTS=@@CHARACTER_SET_RESULTS;
SET @PREV_COLLATION_CONNECTION=@@COLLATION_CONNECTION;
SET character_set_client = utf8mb4;
SET character_set_results = utf8mb4;
SET collation_connection = utf8mb4_general_ci;
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
