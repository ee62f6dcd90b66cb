package dev.leadbridge.store;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;

/** A database the store tests run against: each call gives the URL of a fresh, empty store. */
interface StoreDatabase {

    /** The JDBC URL of a new empty database. */
    String freshUrl() throws Exception;

    /** A plain JDBC connection to a store URL, for checking what the tests wrote. */
    default Connection connect(String url) throws SQLException {
        return DriverManager.getConnection(url);
    }
}
