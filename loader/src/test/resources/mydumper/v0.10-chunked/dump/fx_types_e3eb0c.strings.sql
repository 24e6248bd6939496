/*!40101 SET NAMES binary*/;
/*!40014 SET FOREIGN_KEY_CHECKS=0*/;
/*!40103 SET TIME_ZONE='+00:00' */;
INSERT INTO `strings` VALUES
(1,"plain","hello, world","line one\nline two\r\nline three","café","ascii"),
(2,"ğŸ˜€","ğ„ music ğŸ˜€ emoji ğŸ‡©ğŸ‡ª flag","4-byte: ğŸ˜€ ğ €‹","ÅÄÖ","utf8mb4"),
(3,"q\'uote","single \' double \" back ` mixed \'\"`","He said \"it\'s\" done","o\'brien","quotes"),
(4,"bk\\sl","C:\\path\\to\\file \\n is not a newline \\","\\\\server\\share","a\\b","backslashes"),
(5,"tab	here","nul[\0]ctrlz[\Z]bell[a]esc[e]","cr\rlf\ncrlf\r\ntab	end","x	y","controls"),
(6,"NULL","\\N","NULL","null","null-looking text"),
(7,"","","","","empty strings"),
(8,NULL,NULL,NULL,NULL,"all NULL"),
(9,"semi;","a;b;c; END; $$ // ;;","INSERT INTO x VALUES (1);\nDROP TABLE y;",";","statement-looking text"),
(10,"/*c*/","-- not a comment\n# nor this\n/* nor */ /*!50001 nor this */","DELIMITER $$","#","comment-looking text");
