/*M!999999\- enable the sandbox mode */ 
INSERT INTO `region` VALUES
('Île-de-France','Paris et sa région'),
('Köln','Rheinland'),
('São Paulo','Sudeste'),
('Zürich','Deutschschweiz'),
('東京','Tōkyō'),
('🌍 Remote','Anywhere');
