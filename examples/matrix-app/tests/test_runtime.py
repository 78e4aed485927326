import sys
import sysconfig
import unittest

from matrix_app import runtime


class RuntimeTest(unittest.TestCase):
    def test_version_is_the_interpreters(self):
        self.assertEqual(runtime()["python"], "%d.%d.%d" % sys.version_info[:3])

    def test_supported(self):
        self.assertTrue(runtime()["supported"])

    def test_free_threaded_matches_the_build(self):
        self.assertEqual(runtime()["free_threaded"], bool(sysconfig.get_config_var("Py_GIL_DISABLED")))


if __name__ == "__main__":
    unittest.main()
