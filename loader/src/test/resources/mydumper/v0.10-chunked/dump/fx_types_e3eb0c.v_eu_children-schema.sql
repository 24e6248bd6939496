/*!40101 SET NAMES binary*/;
CREATE TABLE `v_eu_children`(
`id` int,
`parent_id` int,
`amount` int
)ENGINE=MyISAM;
