/*!40101 SET NAMES binary*/;
/*!40014 SET FOREIGN_KEY_CHECKS=0*/;
/*!40101 SET SQL_MODE='NO_AUTO_VALUE_ON_ZERO,ERROR_FOR_DIVISION_BY_ZERO,NO_AUTO_CREATE_USER,NO_ENGINE_SUBSTITUTION'*/;
/*!40103 SET TIME_ZONE='+00:00' */;
INSERT INTO `strings` VALUES(1,"plain",_binary "hello, world","line one\nline two\r\nline three","café","ascii")
,(2,"ğŸ˜€",_binary "ğ„ music ğŸ˜€ emoji ğŸ‡©ğŸ‡ª flag","4-byte: ğŸ˜€ ğ €‹","ÅÄÖ","utf8mb4")
,(3,"q\'uote",_binary "single \' double \" back ` mixed \'\"`","He said \"it\'s\" done","o\'brien","quotes")
,(4,"bk\\sl",_binary "C:\\path\\to\\file \\n is not a newline \\","\\\\server\\share","a\\b","backslashes")
,(5,"tab	here",_binary "nul[\0]ctrlz[\Z]bell[a]esc[e]","cr\rlf\ncrlf\r\ntab	end","x	y","controls")
,(6,"NULL",_binary "\\N","NULL","null","null-looking text")
,(7,"","","","","empty strings")
,(8,NULL,NULL,NULL,NULL,"all NULL")
,(9,"semi;",_binary "a;b;c; END; $$ // ;;","INSERT INTO x VALUES (1);\nDROP TABLE y;",";","statement-looking text")
,(10,"/*c*/",_binary "-- not a comment\n# nor this\n/* nor */ /*!50001 nor this */","DELIMITER $$","#","comment-looking text")
;
