/*!40101 SET NAMES binary*/;
/*!40014 SET FOREIGN_KEY_CHECKS=0*/;
/*!40101 SET SQL_MODE='NO_AUTO_VALUE_ON_ZERO,ERROR_FOR_DIVISION_BY_ZERO,NO_AUTO_CREATE_USER,NO_ENGINE_SUBSTITUTION'*/;
/*!40103 SET TIME_ZONE='+00:00' */;
INSERT INTO `audit` VALUES(1,"child","insert; first","id=1; amount=10.50")
,(2,"child","insert; second","BEGIN ... END; in a string")
,(3,"child","insert; first","id=2; amount=0.00")
,(4,"child","insert; second","BEGIN ... END; in a string")
,(5,"child","insert; first","id=3; amount=99.99")
,(6,"child","insert; second","BEGIN ... END; in a string")
,(7,"child","insert; first","id=4; amount=1.00")
,(8,"child","insert; second","BEGIN ... END; in a string")
,(9,"child","insert; first","id=5; amount=2.00")
,(10,"child","insert; second","BEGIN ... END; in a string")
,(11,"child","insert; first","id=6; amount=7.77")
,(12,"child","insert; second","BEGIN ... END; in a string")
,(13,"parent","delete","AP/7 \"Epsilon\"")
;
