/*!40101 SET NAMES binary*/;
CREATE TABLE `v_parent_totals`(
`region` int,
`id` int,
`name` int,
`total` int,
`children` int
)ENGINE=MyISAM;
