/*M!999999\- enable the sandbox mode */ 
INSERT INTO `department` VALUES
('Île-de-France','ENG','Ingénierie – Île-de-France'),
('Île-de-France','OPS','Opérations – Île-de-France'),
('Köln','ENG','Ingénierie – Köln'),
('Köln','OPS','Opérations – Köln'),
('São Paulo','ENG','Ingénierie – São Paulo'),
('São Paulo','OPS','Opérations – São Paulo'),
('Zürich','ENG','Ingénierie – Zürich'),
('Zürich','OPS','Opérations – Zürich'),
('東京','ENG','Ingénierie – 東京'),
('東京','OPS','Opérations – 東京'),
('🌍 Remote','ENG','Ingénierie – 🌍 Remote'),
('🌍 Remote','OPS','Opérations – 🌍 Remote');
