package dev.anneal.core.profile;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class PersonalDataTest {

    @ParameterizedTest
    @CsvSource({
        "jane.doe@example.org, EMAIL",
        "+44 20 7946 0958, PHONE",
        "(555) 123-4567, PHONE",
        "555-123-4567, PHONE",
        "4111 1111 1111 1111, CARD",
        "4111111111111111, CARD",
        "192.168.10.254, IP_ADDRESS",
        "2001:db8:0:0:0:0:2:1, IP_ADDRESS"})
    void recognisesPersonalValues(String value, PersonalData kind) {
        assertEquals(kind, PersonalData.ofValue(value));
    }

    @ParameterizedTest
    @ValueSource(strings = {"42.054035", "-93.619754", "4111111111111112", "2024-01-31", "2024-01-31 10:15:30",
        "B000J0LSBG", "12345678", "1.2.3", "not@an address", "one_story_1946", "12:30:45", "31.01.2024",
        "01/31/2024", "978-3-16-148410-0"})
    void measurementsCodesAndDatesAreNotPersonal(String value) {
        assertNull(PersonalData.ofValue(value));
    }

    @ParameterizedTest
    @CsvSource({"first_name, PERSON_NAME", "customerName, PERSON_NAME", "surname, PERSON_NAME", "name, PERSON_NAME"})
    void namesOfPeopleByColumnName(String column, PersonalData kind) {
        assertEquals(kind, PersonalData.ofColumnName(column));
    }

    @ParameterizedTest
    @ValueSource(strings = {"product_name", "file_name", "Neighborhood", "username_length"})
    void otherNamesAreNotPeople(String column) {
        assertNull(PersonalData.ofColumnName(column));
    }
}
