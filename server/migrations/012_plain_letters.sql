-- Search now spells letters that carry no separate accent plainly (ı as i, ø as o, ß as ss, and
-- ł, đ, ð, ħ, æ, œ, þ, ĳ likewise), so "yilmaz" finds Yılmaz. An overview entry's search text
-- holding one of them is emptied here and written again when the server starts (backfillSearch);
-- contacts' and relations' folded text is respelled then too (backfillPlainLetters).
UPDATE timeline SET search = NULL WHERE search ~ '[ıłøđðħßæœþĳ]';
