"""The ``netmix`` command: thin click commands over the library."""
